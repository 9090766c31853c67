import sys

from peernet.neo4j_launcher import main

sys.exit(main())
