def test_a_manager_reads_themself_through_graphql(gql, demo_graph):
    body = gql("{ me { id name department { name } cohorts { role cohort { name } } } }")
    assert body.get("errors") is None
    assert body["data"]["me"]["id"] == demo_graph.DEMO_MANAGER_ID
    assert body["data"]["me"]["department"]["name"]
