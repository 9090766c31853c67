"""Word lists and text banks for the demo and synthetic data (all Swedish, all fictional).

Kept apart from the generators so the generators stay readable. Department "kinds" (vo, bu,
soc, tek, kf, kl, sb, mh) pick the titles, units, staff roles and IT systems that sound right
for a förvaltning; the synthetic generator maps its extra departments onto the same kinds.
"""

from __future__ import annotations

FIRST_NAMES = (
    "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Kristina", "Emma", "Malin", "Ingrid",
    "Linda", "Johanna", "Susanne", "Elin", "Camilla", "Annika", "Helena", "Jenny", "Åsa",
    "Sofia", "Ulrika", "Therese", "Hanna", "Cecilia", "Marie", "Frida", "Jessica", "Ida",
    "Petra", "Monica", "Birgitta", "Lotta", "Carina", "Anneli", "Mona", "Pernilla", "Amira",
    "Fatima", "Leila", "Nadia", "Minna", "Tuula", "Agnes", "Matilda", "Louise", "Josefin",
    "Erik", "Lars", "Anders", "Johan", "Per", "Mikael", "Karl", "Fredrik", "Magnus", "Peter",
    "Jonas", "Daniel", "Stefan", "Mattias", "Henrik", "Andreas", "Niklas", "Patrik", "Ola",
    "Tomas", "Björn", "Gustav", "Oskar", "Viktor", "Ahmed", "Omar", "Ali", "Mehmet",
    "Kenneth", "Göran", "Håkan", "Jukka", "Dragan", "Emil", "Simon",
)

SURNAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson",
    "Persson", "Svensson", "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson",
    "Bengtsson", "Jönsson", "Lindberg", "Jakobsson", "Magnusson", "Olofsson", "Lindström",
    "Lindqvist", "Lindgren", "Berg", "Axelsson", "Bergström", "Lundberg", "Lind", "Lundgren",
    "Mattsson", "Berglund", "Fredriksson", "Sandberg", "Henriksson", "Forsberg", "Sjöberg",
    "Wallin", "Engström", "Eklund", "Danielsson", "Lundin", "Håkansson", "Björk", "Bergman",
    "Gunnarsson", "Holm", "Wikström", "Samuelsson", "Isaksson", "Fransson", "Bergqvist",
    "Nyström", "Holmberg", "Arvidsson", "Löfgren", "Söderberg", "Nyberg", "Blomqvist",
    "Claesson", "Nordström", "Mårtensson", "Lundqvist", "Ekström", "Hedlund", "Strand",
    "Åberg", "Sundberg", "Hassan", "Mohammed", "Yilmaz", "Korhonen", "Virtanen", "Petrović",
    "Ek", "Dahl", "Falk", "Sundström", "Öberg", "Hermansson", "Ahmadi",
)

# (singular, plural) staff roles, used as {role} and {roles} in the problem templates.
ROLES = {
    "vo": (("undersköterska", "undersköterskor"), ("sjuksköterska", "sjuksköterskor"),
           ("vårdbiträde", "vårdbiträden"), ("stödassistent", "stödassistenter")),
    "bu": (("lärare", "lärare"), ("förskollärare", "förskollärare"),
           ("barnskötare", "barnskötare"), ("fritidspedagog", "fritidspedagoger")),
    "soc": (("socialsekreterare", "socialsekreterare"), ("handläggare", "handläggare"),
            ("familjebehandlare", "familjebehandlare")),
    "tek": (("drifttekniker", "drifttekniker"), ("lokalvårdare", "lokalvårdare"),
            ("kock", "kockar"), ("anläggningsarbetare", "anläggningsarbetare")),
    "kf": (("bibliotekarie", "bibliotekarier"), ("fritidsledare", "fritidsledare"),
           ("musiklärare", "musiklärare")),
    "kl": (("HR-konsult", "HR-konsulter"), ("controller", "controllers"),
           ("kommunikatör", "kommunikatörer"), ("handläggare", "handläggare")),
    "sb": (("bygglovshandläggare", "bygglovshandläggare"), ("planarkitekt", "planarkitekter"),
           ("ingenjör", "ingenjörer")),
    "mh": (("miljöinspektör", "miljöinspektörer"),
           ("livsmedelsinspektör", "livsmedelsinspektörer")),
}

UNITS = {
    "vo": ("hemtjänsten Norr", "hemtjänsten Centrum", "Solgårdens äldreboende",
           "Björkhagens vård- och omsorgsboende", "korttidsboendet", "dagverksamheten",
           "nattpatrullen", "gruppbostaden på Lärkvägen"),
    "bu": ("Ekbyskolan", "Västra skolan", "förskolan Vitsippan", "förskolan Ugglan",
           "fritidshemmet", "Ekby gymnasium", "elevhälsan", "Norrskolan"),
    "soc": ("försörjningsstödsenheten", "barn- och ungdomsenheten", "mottagningsgruppen",
            "vuxenenheten", "familjebehandlingen", "boendestödet"),
    "tek": ("gatuenheten", "VA-avdelningen", "fastighetsdriften", "kostenheten",
            "lokalvården", "parkenheten"),
    "kf": ("stadsbiblioteket", "fritidsgården", "kulturskolan", "simhallen",
           "idrottsanläggningarna"),
    "kl": ("HR-avdelningen", "ekonomienheten", "kommunikationsenheten", "kontaktcenter",
           "IT-enheten", "kansliet"),
    "sb": ("bygglovsenheten", "planenheten", "lantmäteriet", "mark- och exploateringsenheten",
           "GIS-enheten"),
    "mh": ("livsmedelskontrollen", "miljötillsynen", "hälsoskyddsenheten",
           "alkoholhandläggningen"),
}

SYSTEMS = {
    "vo": ("Treserva", "Lifecare", "Phoniro", "MCSS", "Teams"),
    "bu": ("skolplattformen", "Unikum", "Teams", "Google Classroom"),
    "soc": ("Treserva", "Viva", "Procapita", "Teams"),
    "tek": ("Infracontrol", "fastighetssystemet", "Unit4", "Teams"),
    "kf": ("bokningssystemet", "bibliotekssystemet", "Teams"),
    "kl": ("Heroma", "Unit4", "Office 365", "ärendehanteringssystemet"),
    "sb": ("ByggR", "GIS-systemet", "e-tjänsterna"),
    "mh": ("Ecos", "e-tjänsterna", "Teams"),
}

# Titles per kind and level; the first SENIOR title is the department head.
TITLES: dict[str, dict[str, tuple[str, ...]]] = {
    "vo": {"FIRST_LINE": ("Enhetschef",), "MIDDLE": ("Verksamhetschef", "Avdelningschef"),
           "SENIOR": ("Förvaltningschef",)},
    "bu": {"FIRST_LINE": ("Rektor", "Rektor förskola", "Biträdande rektor"),
           "MIDDLE": ("Verksamhetschef", "Områdeschef"), "SENIOR": ("Skolchef",)},
    "soc": {"FIRST_LINE": ("Enhetschef", "Sektionschef"), "MIDDLE": ("Avdelningschef",),
            "SENIOR": ("Socialchef",)},
    "tek": {"FIRST_LINE": ("Enhetschef", "Driftchef", "Kostchef"), "MIDDLE": ("Avdelningschef",),
            "SENIOR": ("Förvaltningschef",)},
    "kf": {"FIRST_LINE": ("Enhetschef", "Bibliotekschef", "Kulturskolechef"),
           "MIDDLE": ("Avdelningschef",), "SENIOR": ("Kultur- och fritidschef",)},
    "kl": {"FIRST_LINE": ("Enhetschef",),
           "MIDDLE": ("HR-chef", "IT-chef", "Ekonomichef", "Kommunikationschef",
                      "Digitaliseringschef"),
           "SENIOR": ("Kommundirektör", "Biträdande kommundirektör")},
    "sb": {"FIRST_LINE": ("Enhetschef", "Bygglovschef", "Planchef"),
           "MIDDLE": ("Avdelningschef",), "SENIOR": ("Samhällsbyggnadschef",)},
    "mh": {"FIRST_LINE": ("Enhetschef",), "MIDDLE": ("Avdelningschef",),
           "SENIOR": ("Miljö- och hälsoskyddschef",)},
}

# Department names for the synthetic organisation, biggest kinds first (skewed sizes follow
# this order), with the kind that supplies their vocabulary.
DEPARTMENT_NAMES = (
    ("Vård och omsorg", "vo"), ("Barn och utbildning", "bu"), ("Socialtjänst", "soc"),
    ("Teknik", "tek"), ("Kultur och fritid", "kf"), ("Kommunledning", "kl"),
    ("Samhällsbyggnad", "sb"), ("Miljö och hälsa", "mh"), ("Funktionsstöd", "vo"),
    ("Gymnasie- och vuxenutbildning", "bu"), ("Individ- och familjeomsorg", "soc"),
    ("Fastighet", "tek"), ("Hälso- och sjukvård", "vo"), ("Förskola", "bu"),
    ("Arbetsmarknad och integration", "soc"), ("Räddningstjänst", "tek"),
    ("Servicecenter", "kl"), ("Stadsbyggnad", "sb"), ("Kultur", "kf"), ("Fritid", "kf"),
    ("Ekonomi", "kl"), ("HR", "kl"), ("IT och digitalisering", "kl"), ("Måltid", "tek"),
    ("Grundskola Norr", "bu"), ("Grundskola Söder", "bu"), ("Hemtjänst Öster", "vo"),
    ("Hemtjänst Väster", "vo"), ("Äldreboenden", "vo"), ("Elevhälsa", "bu"),
    ("Miljötillsyn", "mh"), ("Bygglov", "sb"), ("Gata och park", "tek"),
    ("Vatten och avfall", "tek"),
    ("Kommunikation", "kl"), ("Överförmyndare", "kl"), ("Ensamkommande och boende", "soc"),
    ("Kulturskola", "kf"), ("Bibliotek", "kf"), ("Lokalförsörjning", "tek"),
)

SESSION_THEMES = (
    "Uppstart: ledarskap och förväntningar",
    "Att leda i förändring",
    "Arbetsmiljö och hälsa",
    "Svåra samtal",
    "Ekonomi och styrning",
    "Rehabilitering och sjukfrånvaro",
    "Konflikthantering i arbetsgrupper",
    "Digitalisering i verksamheten",
    "Kommunikation och tillit",
    "Avslutning: vägen framåt",
)

MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")

# Problem situations per category: (title variants, body). Slots: {unit} {role} {roles}
# {system} {n} {months} {pct} {month} {small} {big}. Several situations in a category are the
# same dilemma phrased differently on purpose: the recurring-problem job must see through that.
SITUATIONS = {
    "IT_SUPPORT": (
        (("IT-supporten svarar inte", "Ingen återkoppling från IT-support", "Får ingen hjälp av IT"),
         "Vi har väntat i {n} dagar på svar från IT-supporten om {system}. Ärendet står fortfarande som mottaget och ingen har hört av sig."),
        (("Långa svarstider hos IT-supporten", "Supportärenden tar veckor"),
         "Supportärenden tar veckor innan någon tittar på dem. Under tiden sitter mina {roles} utan fungerande {system} och dokumenterar på papper."),
        (("Kommer inte fram till servicedesk", "Telefonkön till IT är orimlig"),
         "Telefonkön till servicedesk är ofta över {big} minuter och chatten stänger klockan tre. Personalen på {unit} har i praktiken slutat felanmäla."),
        (("Inloggningen i {system} krånglar", "Kan inte logga in i {system}"),
         "Sedan senaste uppdateringen kan ungefär hälften av personalen på {unit} inte logga in i {system}. IT ber oss starta om datorerna, men det hjälper inte."),
        (("Behörigheter dröjer för nyanställda", "Nyanställda saknar behörighet i veckor"),
         "När någon börjar hos oss tar det två till tre veckor innan behörigheterna till {system} är på plats. Nya {roles} kan inte göra sitt jobb de första veckorna."),
        (("Wifi-nätet ligger nere", "Nätverket fungerar inte i lokalerna"),
         "Det trådlösa nätverket på {unit} går ner flera gånger i veckan. Vi har felanmält upprepade gånger utan att något händer."),
        (("Supporten stänger ärenden utan åtgärd", "IT-ärenden stängs som lösta"),
         "Våra IT-ärenden stängs som lösta trots att ingen har varit här. Vi får börja om med ett nytt ärende varje gång."),
        (("Datorerna levereras inte", "Väntar fortfarande på nya datorer"),
         "Vi beställde {n} datorer till nyanställda i {month} men de har fortfarande inte kommit. IT-avdelningen hänvisar till leverantören och leverantören till IT."),
        (("Ingen IT-hjälp med surfplattorna", "Surfplattor utan support"),
         "Personalen har fått surfplattor för digital signering men ingen utbildning, och supporten säger att de inte hanterar verksamhetsfrågor."),
        (("Teams-telefonin fungerar dåligt", "Tappade samtal efter telefonibytet"),
         "Efter bytet till telefoni via Teams tappar vi samtal och kan inte nå varandra. Det påverkar kontakten med invånare och anhöriga."),
        (("Skrivaren har varit trasig i en månad", "Felanmälan om skrivare leder ingenstans"),
         "Skrivaren och skannern på {unit} har varit trasiga i över en månad. Felanmälan till IT-supporten har gjorts tre gånger."),
        (("Vem ansvarar egentligen för IT-stödet?", "Bollas mellan IT-samordnare och servicedesk"),
         "Ingen verkar veta om det är förvaltningens IT-samordnare eller kommunens servicedesk som ska hjälpa oss med {system}. Vi blir bollade mellan dem."),
    ),
    "SICK_LEAVE": (
        (("Långtidssjukskriven medarbetare", "Rehabilitering efter lång sjukskrivning", "Återgång i arbete efter utmattning"),
         "En {role} har varit sjukskriven i {months} månader för utmattningssyndrom. Försäkringskassan vill se en plan för återgång i arbete och jag är osäker på hur arbetsträningen ska läggas upp."),
        (("Upprepad korttidsfrånvaro", "Många korta sjukskrivningar"),
         "En medarbetare har haft {n} korta sjukfrånvarotillfällen det senaste halvåret. Jag vill ta ett samtal men vet inte riktigt hur jag ska formulera mig."),
        (("Hög sjukfrånvaro i arbetsgruppen", "Sjukfrånvaron ökar på enheten"),
         "Sjukfrånvaron på {unit} har ökat till över {pct} procent. Flera i gruppen säger att de är slitna och vikarierna räcker inte till."),
        (("Deltidssjukskriven – hur anpassa arbetet?", "Anpassning vid deltidssjukskrivning"),
         "En {role} är sjukskriven på halvtid och ska trappa upp. Det är svårt att hitta arbetsuppgifter som fungerar på deltid när resten av gruppen är hårt belastad."),
        (("Rehabiliteringsutredning – hur gör man?", "Mitt första rehabiliteringsärende"),
         "Jag har mitt första rehabiliteringsärende och HR säger att jag ska göra en rehabiliteringsutredning. Vad behöver finnas med och hur involverar man företagshälsovården?"),
        (("Medarbetare mår dåligt men vill inte sjukskriva sig", "Orolig för en medarbetares hälsa"),
         "En av mina {roles} visar tydliga tecken på stress och sover dåligt men vägrar gå till läkare. Hur långt sträcker sig mitt arbetsmiljöansvar?"),
        (("Flera sjukskrivna för stress samtidigt", "Stressrelaterad ohälsa i gruppen"),
         "Tre medarbetare på {unit} är sjukskrivna för stressrelaterad ohälsa samtidigt. Jag behöver både stötta de sjukskrivna och förebygga att fler går in i väggen."),
        (("Långtidssjukskriven som inte hör av sig", "Ingen kontakt med sjukskriven medarbetare"),
         "En långtidssjukskriven medarbetare svarar inte på mina samtal eller mejl. Jag vet att jag ska hålla kontakten men hur gör jag när det inte går?"),
        (("Arbetsträningen går trögt", "Upptrappning efter sjukskrivning står still"),
         "Vi har haft arbetsträning i {months} månader men medarbetaren kommer inte upp i mer än 25 procent. Försäkringskassan frågar om omplacering är aktuellt."),
    ),
    "SUBSTANCE_ABUSE": (
        (("Misstänkt alkoholpåverkan på jobbet", "Medarbetare luktade alkohol"),
         "En {role} luktade alkohol på morgonmötet och har varit borta flera måndagar i rad. Jag har inte tagit upp det ännu."),
        (("Medarbetare med alkoholproblem", "Missbruk hos en medarbetare"),
         "En medarbetare har berättat att hen har problem med alkohol och vill ha hjälp. Hur upprättar man ett rehabiliteringskontrakt och vad säger vår alkohol- och drogpolicy?"),
        (("Återfall efter behandling",),
         "En medarbetare som gick igenom behandling förra året har fått återfall. Kollegorna har märkt det och frågar vad jag tänker göra."),
        (("Kollegor täcker upp för en som dricker",),
         "Det har kommit fram att arbetskamraterna i flera månader har täckt upp för en {role} som kommer bakfull till jobbet. Ingen har sagt något till mig förrän nu."),
        (("Misstänkt läkemedelsmissbruk", "Läkemedel försvinner från enheten"),
         "Det saknas läkemedel på {unit} och misstanken riktas mot en medarbetare. Hur utreder jag det här utan att det blir en häxjakt?"),
        (("Spelberoende påverkar arbetet",),
         "En medarbetare har stora spelskulder och har börjat låna pengar av kollegor. Är det här ett missbruksärende för arbetsgivaren?"),
        (("Drogtest – när får man kräva det?",),
         "En medarbetare uppträder ibland påverkad. Kan jag kräva drogtest och hur hanterar jag det om hen vägrar?"),
    ),
    "STAFF_REASSIGNMENT": (
        (("Omplacering vid omorganisation", "Omorganisation – personal behöver omplaceras"),
         "{unit} ska slås ihop med en annan enhet och {n} medarbetare behöver omplaceras. Hur prioriterar vi och vad behöver facket vara med på?"),
        (("Medarbetare vägrar flytta till ny arbetsplats",),
         "I samband med omorganisationen ska två {roles} flytta till en annan arbetsplats. En av dem vägrar och har kontaktat facket."),
        (("Omplaceringsutredning – vad krävs?", "Omplacering efter sjukdom"),
         "En medarbetare kan inte längre utföra sina arbetsuppgifter av medicinska skäl. HR säger att vi ska göra en omplaceringsutredning i hela kommunen. Hur går det till i praktiken?"),
        (("Övertalighet efter budgetneddragning", "Arbetsbrist på enheten"),
         "Efter neddragningen har vi {small} tjänster för mycket. Vi behöver ta fram underlag för arbetsbrist och turordning men det är första gången för mig."),
        (("Låna ut personal till annan enhet", "Flytta personal över sommaren"),
         "Under sommaren behöver vi flytta personal från {unit} till en enhet med stor brist. Medarbetarna är negativa och vill inte byta arbetsplats."),
        (("Otydliga ansvarsområden efter sammanslagning",),
         "Efter sammanslagningen är det otydligt vem som ansvarar för vad och flera medarbetare har fått nya arbetsuppgifter som de inte valt själva."),
        (("Omorganisationen skapar oro", "Oro inför omorganisering"),
         "Det har läckt ut att {unit} ska omorganiseras. Medarbetarna är oroliga för sina tjänster och ryktena sprider sig snabbare än informationen."),
        (("Medarbetare klarar inte längre rollen",),
         "En erfaren {role} klarar inte de nya arbetssätten efter digitaliseringen. Vi har försökt med utbildning men det räcker inte. Kan omplacering vara en väg?"),
    ),
    "CONFLICT": (
        (("Konflikter i arbetsgruppen", "Konflikt i arbetslaget"),
         "Två grupperingar på {unit} har i princip slutat prata med varandra. Det påverkar schemaläggningen och stämningen på arbetsplatsträffarna."),
        (("Samarbetssvårigheter mellan två medarbetare",),
         "Två {roles} har haft en konflikt i över ett år. Jag har pratat med dem var för sig men det blir inte bättre."),
        (("Anmälan om kränkande särbehandling", "Kränkande särbehandling i gruppen"),
         "En medarbetare har anmält en kollega för kränkande särbehandling. Jag behöver starta en utredning men är osäker på om den ska göras internt eller externt."),
        (("Medarbetare går förbi mig till min chef",),
         "En medarbetare går regelbundet direkt till min chef med klagomål på mig i stället för att prata med mig. Det underminerar mitt ledarskap."),
        (("Konflikt om det nya schemat", "Dålig stämning efter schemaändring"),
         "Efter att vi införde nytt schema på {unit} har det blivit konflikter mellan dag- och kvällspersonalen om vem som gör vad."),
        (("Härskartekniker på APT", "Tystnadskultur på arbetsplatsträffarna"),
         "På arbetsplatsträffarna dominerar några få och de andra säger ingenting. Efteråt hör jag att många inte håller med."),
        (("Låst samarbete med skyddsombudet",),
         "Samarbetet med det lokala skyddsombudet har låst sig. Varje förändring blir en strid och vi kommer inte framåt."),
        (("Klyfta mellan nya och erfarna medarbetare",),
         "Det har uppstått en tydlig klyfta mellan erfarna och nyanställda {roles}. De nya känner sig utfrysta och två har redan sagt upp sig."),
    ),
    "BUDGET": (
        (("Budgeten räcker inte till vikarier", "Vikariekostnaderna spräcker budgeten"),
         "Vi har redan förbrukat {pct} procent av årets vikariebudget och det är bara {month}. Jag vet inte hur vi ska klara sommaren."),
        (("Underskott efter första tertialet", "Prognosen visar underskott"),
         "Tertialuppföljningen visar ett underskott på {n}00 000 kronor för {unit}. Ekonomienheten vill ha en åtgärdsplan inom två veckor."),
        (("Besparingskrav inför nästa år", "Sparbeting på flera procent"),
         "Förvaltningen har fått ett besparingskrav på {small} procent inför nästa år. Hur har ni prioriterat utan att det går ut över kärnverksamheten?"),
        (("Övertidskostnaderna skenar",),
         "Övertiden har ökat kraftigt på grund av vakanser och sjukfrånvaro. Jag ser kostnaderna men har svårt att hitta alternativ."),
        (("Hur prioritera när ramen minskar?",),
         "Budgetramen minskar samtidigt som behoven ökar. Hur för ni dialogen med politiken om vad som inte längre går att göra?"),
        (("Internhyror och kostnadsfördelning", "Betalar för tjänster vi inte använder"),
         "Vi debiteras för lokaler och IT-tjänster som vi inte längre använder. Det är svårt att få klarhet i hur kostnaderna fördelas."),
        (("Budgetuppföljningen tar all tid",),
         "Uppföljningen i Unit4 är krånglig och jag lägger flera timmar i veckan på rapporter. Hur får ni ihop det?"),
        (("Lokalinvesteringar skjuts upp",),
         "Nödvändiga åtgärder i lokalerna på {unit} skjuts hela tiden upp på grund av investeringsstopp. Arbetsmiljön blir lidande."),
    ),
    "OTHER": (
        (("Svårt att rekrytera", "Rekrytering av {roles}"),
         "Vi har sökt {roles} i flera omgångar utan att få behöriga sökande. Hur har ni lyckats rekrytera?"),
        (("Hot och våld mot personal",),
         "Personalen på {unit} har utsatts för hot vid flera tillfällen. Vi har rutiner men de räcker inte."),
        (("Introduktion av nyanställda",),
         "Vi anställer många nya just nu och introduktionen blir ofta hafsig. Har någon en bra introduktionsplan att dela?"),
        (("För många medarbetare per chef", "Min egen arbetsbelastning"),
         "Jag har {big} medarbetare och hinner inte med medarbetarsamtal, rekrytering och uppföljning. Hur prioriterar ni er egen tid?"),
        (("Inspektion från Arbetsmiljöverket",),
         "Arbetsmiljöverket har aviserat inspektion på {unit}. Vad brukar de titta på och hur förbereder man sig?"),
        (("Leda på distans",),
         "Hälften av mina medarbetare jobbar delvis hemifrån. Hur håller ni ihop gruppen och följer upp arbetet?"),
        (("Lokalerna är för trånga",),
         "Verksamheten har vuxit och lokalerna räcker inte längre. Medarbetarna har inga rum för enskilda samtal."),
        (("Förändringströtthet i gruppen",),
         "Vi ska införa ett nytt arbetssätt men medarbetarna är trötta på förändringar. Hur skapar ni delaktighet?"),
    ),
}

# One optional middle sentence per problem, per category.
FOLLOWUPS = {
    "IT_SUPPORT": ("Det här har pågått sedan {month}.", "Det tar mycket tid från verksamheten och personalen blir frustrerad.",
                   "Jag har lyft det med min chef men inget har hänt.", "Vi har ingen lokal IT-samordnare längre.", ""),
    "SICK_LEAVE": ("Jag har haft kontakt med HR men vill höra hur andra chefer gör.", "Företagshälsovården har inte kunnat ta emot oss på flera veckor.",
                   "Det påverkar också resten av arbetsgruppen.", ""),
    "SUBSTANCE_ABUSE": ("Jag vill agera rätt från början.", "HR har gett mig policyn men den säger inte så mycket om det praktiska.",
                        "Arbetsgruppen börjar bli orolig.", ""),
    "STAFF_REASSIGNMENT": ("Tidsplanen är mycket snäv.", "Facket har begärt förhandling enligt MBL.",
                           "Ingen verkar ha gjort det här förut i förvaltningen.", ""),
    "CONFLICT": ("Det har pågått länge och jag borde ha agerat tidigare.", "Skyddsombudet har också lyft frågan.",
                 "Flera i gruppen har pratat om att söka sig därifrån.", ""),
    "BUDGET": ("Politiken vill inte se några försämringar för invånarna.", "Prognosen försämras för varje månad.",
               "Jag har inte fått någon hjälp av min controller.", ""),
    "OTHER": ("Det tar mycket av min tid.", "Jag har inte hittat något stöd centralt.", ""),
}

# Notes from managers whose handling RESOLVED the problem, per category.
RESOLVED_NOTES = {
    "IT_SUPPORT": (
        "Vi fick en namngiven kontaktperson på servicedesk efter att jag eskalerat via IT-chefen. Svarstiderna blev mycket kortare.",
        "Vi utsåg en superanvändare på varje enhet som samlar ärendena och har direktkontakt med IT-enheten.",
        "Beställ behörigheterna redan när anställningsavtalet skrivs – då är de klara första dagen.",
        "IT kom ut och mätte nätverket; en extra accesspunkt löste problemet.",
        "Vi samlade alla felanmälningar i ett gemensamt ärende via ledningsgruppen, då hände det saker.",
    ),
    "SICK_LEAVE": (
        "Vi gjorde en plan för återgång tillsammans med företagshälsovården och trappade upp med 25 procent i taget.",
        "Tidiga samtal efter tredje sjukfrånvarotillfället och en tydlig rutin hjälpte hos oss.",
        "HR-konsulten var med på avstämningsmötet med Försäkringskassan – det gjorde stor skillnad.",
        "Vi anpassade arbetsuppgifterna tillfälligt och medarbetaren är nu tillbaka på heltid.",
        "Regelbunden kontakt varannan vecka, även bara ett kort samtal, gjorde att återgången gick smidigt.",
    ),
    "SUBSTANCE_ABUSE": (
        "Vi skrev ett rehabiliteringskontrakt med stöd av företagshälsovården och följde upp varje månad.",
        "Jag tog samtalet direkt med HR närvarande och erbjöd behandling; medarbetaren tackade ja.",
        "Det viktiga var att sluta låta kollegorna täcka upp – tydlighet hjälpte alla.",
    ),
    "STAFF_REASSIGNMENT": (
        "Vi gjorde en kartläggning av kompetenser tidigt och kunde erbjuda alla nya tjänster.",
        "Facket var med från första dagen, vilket gjorde att förhandlingen gick snabbt.",
        "Medarbetarna fick besöka den nya arbetsplatsen innan flytten; oron minskade påtagligt.",
        "HR hjälpte oss med omplaceringsutredningen och vi hittade en tjänst i en annan förvaltning.",
    ),
    "CONFLICT": (
        "Vi tog in extern samtalsledare från företagshälsovården och gick igenom konflikten tillsammans.",
        "Tydliga spelregler på APT och att jag slutade ta enskilda klagomål i korridoren.",
        "En extern utredning gav legitimitet och båda parter accepterade resultatet.",
        "Vi gjorde om schemat tillsammans med personalen i stället för att besluta det själva.",
    ),
    "BUDGET": (
        "Vi införde en bemanningsenhet för korttidsvikarier och övertiden sjönk märkbart.",
        "Jag gick igenom alla internhyror med ekonomienheten och fick tillbaka en del pengar.",
        "Vi tog fram tre prioriteringsalternativ till politiken och fick gehör för det minst skadliga.",
        "Månadsvisa genomgångar med controllern gjorde uppföljningen mycket enklare.",
    ),
    "OTHER": (
        "Vi tog fram en gemensam introduktionsplan som alla nya följer.",
        "Vi samarbetade med en annan förvaltning om rekryteringen och fick fler sökande.",
        "Genom att dela upp gruppen i två med en samordnare fick jag tid för medarbetarsamtalen.",
        "Vi gjorde en riskbedömning tillsammans med skyddsombudet och byggde om entrén.",
    ),
}

# Generic closing questions, so that two problems from one template still read differently.
ASKS = (
    "Har någon varit med om något liknande?", "Hur har ni gjort?", "Tips tas tacksamt emot.",
    "Vem kan jag prata med om det här?", "Finns det någon som löst det på ett bra sätt?",
    "Vad skulle ni ha gjort?", "Hur har ni hanterat det i er förvaltning?",
    "Jag skulle gärna höra hur andra tänker.", "",
)

# Generic notes for handlings that did not (fully) work out; the RESOLVED notes are per category.
PARTLY_NOTES = (
    "Det blev bättre en period men problemet har kommit tillbaka.",
    "Vi har en tillfällig lösning men grundorsaken finns kvar.",
    "Delvis löst – vi jobbar vidare med det under hösten.",
    "Vi kom en bit på vägen genom att prata ihop oss i ledningsgruppen.",
)
NOT_RESOLVED_NOTES = (
    "Samma situation hos oss, ingen lösning ännu.",
    "Vi försökte samma sak men det fungerade inte hos oss.",
    "Vi fick vänta ut det, tyvärr inget bra svar att ge.",
    "Lyfte det vidare men har inte fått någon återkoppling.",
)

__all__ = [
    "ASKS", "DEPARTMENT_NAMES", "FIRST_NAMES", "FOLLOWUPS", "MONTHS", "NOT_RESOLVED_NOTES",
    "PARTLY_NOTES", "RESOLVED_NOTES", "ROLES", "SESSION_THEMES", "SITUATIONS", "SURNAMES",
    "SYSTEMS", "TITLES", "UNITS",
]
