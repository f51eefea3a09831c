"""The method's default content for benefit-based segments, in Finnish and English.

Pure data: the segment fields and their guiding questions, the car dealer example of the segment
matrix, the default criteria of a customer's value to the company, the five phases of customer
selection and its key questions. Written for Arvopolku from the ideas of the method (DOMAIN.md
section 3), not copied from the sources. Texts are chosen by the workshop's language.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SegmentField:
    name: str
    kind: str  # "text", "line", "choice", "scale"
    section: str
    low: int = 1
    high: int = 5


SECTIONS = (
    "profile",
    "needs",
    "business",
    "grouping",
    "cube",
    "selection",
    "notes",
    "connections",
)

FIELDS = (
    SegmentField("name", "line", "profile"),
    SegmentField("identification_criteria", "text", "profile"),
    SegmentField("buying_behaviour", "text", "profile"),
    SegmentField("purchase_criteria", "text", "profile"),
    SegmentField("satisfaction_criteria", "text", "profile"),
    SegmentField("loyalty", "text", "profile"),
    SegmentField("sought_benefits", "text", "profile"),
    SegmentField("purchase_potential", "text", "profile"),
    SegmentField("profitability", "text", "profile"),
    SegmentField("lifecycle_stage", "line", "profile"),
    SegmentField("needs", "text", "needs"),
    SegmentField("values", "text", "needs"),
    SegmentField("expectations", "text", "needs"),
    SegmentField("decision_makers", "text", "business"),
    SegmentField("decision_maker_values", "text", "business"),
    SegmentField("usage_intensity", "choice", "grouping"),
    SegmentField("usage_detail", "line", "grouping"),
    SegmentField("main_benefit", "choice", "grouping"),
    SegmentField("loyalty_level", "choice", "grouping"),
    SegmentField("attitude", "choice", "grouping"),
    SegmentField("attitude_detail", "line", "grouping"),
    SegmentField("demographic", "text", "grouping"),
    SegmentField("geographic", "text", "grouping"),
    SegmentField("lifestyle", "text", "grouping"),
    SegmentField("cube_volume", "scale", "cube"),
    SegmentField("cube_efficiency", "scale", "cube"),
    SegmentField("cube_duration", "scale", "cube"),
    SegmentField("q_interested", "text", "selection"),
    SegmentField("q_better_benefit", "text", "selection"),
    SegmentField("q_value_over_price", "text", "selection"),
    SegmentField("q_enough", "text", "selection"),
    SegmentField("q_know_us", "text", "selection"),
    SegmentField("evidence", "choice", "selection"),
    SegmentField("notes", "text", "notes"),
    SegmentField("kano_attribute_values", "line", "connections"),
)

FIELDS_BY_NAME = {spec.name: spec for spec in FIELDS}

# Fields counted for "how far is this profile filled".
COMPLETION_FIELDS = tuple(
    spec.name for spec in FIELDS if spec.section in ("profile", "needs", "grouping")
)

KEY_QUESTIONS = ("q_interested", "q_better_benefit", "q_value_over_price", "q_enough", "q_know_us")

PROMPTS = {
    "name": {
        "fi": "Myönteinen nimi, joka kertoo mitä ryhmä arvostaa (ei ”C-asiakkaat” vaan esimerkiksi "
        "”Potentiaaliset”).",
        "en": "A positive name that says what the group values (not “C customers” but, for "
        "example, “Potential”).",
    },
    "identification_criteria": {
        "fi": "Mistä tunnistat ryhmän jäsenen, myös aivan uuden asiakkaan ensimmäisellä kerralla?",
        "en": "How do you recognise a member of the group, even a brand-new customer the first "
        "time you meet?",
    },
    "buying_behaviour": {
        "fi": "Miten he valitsevat ja ostavat: kanavat, yksin vai yhdessä, kuinka usein, kuinka "
        "paljon harkintaa?",
        "en": "How do they choose and buy: channels, alone or together, how often, how much "
        "deliberation?",
    },
    "purchase_criteria": {
        "fi": "Mitkä ovat heidän tärkeimmät ostoperusteensa, tärkeysjärjestyksessä?",
        "en": "What are their most important purchase criteria, most important first?",
    },
    "satisfaction_criteria": {
        "fi": "Mistä heidän tyytyväisyytensä syntyy, ja mikä saa heidät pettymään?",
        "en": "What makes them satisfied, and what disappoints them?",
    },
    "loyalty": {
        "fi": "Kuinka uskollisia he ovat, ja mihin uskollisuus perustuu (vapaaehtoinen vai "
        "pakotettu)?",
        "en": "How loyal are they, and what is their loyalty based on (voluntary or forced)?",
    },
    "sought_benefits": {
        "fi": "Mitä hyötyjä he hakevat: hinta, palvelu, suorituskyky, suhde, brändi, tunne, "
        "sosiaalinen tai jokin erityishyöty?",
        "en": "Which benefits do they seek: price, service, performance, relationship, brand, "
        "emotion, social or a special benefit?",
    },
    "purchase_potential": {
        "fi": "Kuinka paljon he voisivat ostaa meiltä, ja kuinka suuri osa siitä on nyt meillä?",
        "en": "How much could they buy from us, and how much of it do we have today?",
    },
    "profitability": {
        "fi": "Kuinka kannattavia he ovat, kun kaikki heidän aiheuttamansa kustannukset on "
        "otettu huomioon?",
        "en": "How profitable are they once every cost they cause is counted?",
    },
    "lifecycle_stage": {
        "fi": "Missä asiakkuuden elinkaaren vaiheessa ryhmä on: uusi, kasvava, vakiintunut, "
        "hiipuva?",
        "en": "Where in the customer lifecycle is the group: new, growing, established, fading?",
    },
    "needs": {
        "fi": "Mitä he tarvitsevat, myös sellaista, mitä he eivät osaa pyytää?",
        "en": "What do they need, including what they would not think to ask for?",
    },
    "values": {
        "fi": "Mitä he arvostavat, ja mikä on heille yhdentekevää?",
        "en": "What do they value, and what do they not care about?",
    },
    "expectations": {
        "fi": "Mitä he odottavat meiltä? Ovatko odotukset houkuttelevia ja silti varmasti "
        "täytettävissä?",
        "en": "What do they expect from us? Are the expectations attractive and still surely "
        "within our reach?",
    },
    "decision_makers": {
        "fi": "Yritysasiakkaat: kuka ostaa, kuka päättää, kuka käyttää, kuka maksaa ja kuka "
        "hyötyy?",
        "en": "Business customers: who buys, who decides, who uses, who pays and who benefits?",
    },
    "decision_maker_values": {
        "fi": "Mitä päättäjät itse henkilökohtaisesti arvostavat?",
        "en": "What do the decision makers value personally?",
    },
    "usage_intensity": {
        "fi": "Kuinka paljon he käyttävät alan tuotteita tai palveluja?",
        "en": "How much do they use products or services of this kind?",
    },
    "usage_detail": {
        "fi": "Käytön määrä tarkemmin: kuinka usein, kuinka paljon?",
        "en": "Usage in more detail: how often, how much?",
    },
    "main_benefit": {
        "fi": "Mikä on ryhmän tärkein tavoittelema hyöty?",
        "en": "Which benefit matters most to the group?",
    },
    "loyalty_level": {
        "fi": "Uskollisuuden aste.",
        "en": "The degree of loyalty.",
    },
    "attitude": {
        "fi": "Millainen on heidän asenteensa meitä kohtaan tänään?",
        "en": "What is their attitude towards us today?",
    },
    "attitude_detail": {
        "fi": "Mihin asenne perustuu?",
        "en": "What is the attitude based on?",
    },
    "demographic": {
        "fi": "Demografiset tekijät: ikä, elämänvaihe, tulotaso; yrityksillä koko ja toimiala.",
        "en": "Demographics: age, stage of life, income; for companies size and industry.",
    },
    "geographic": {
        "fi": "Missä he ovat: alue, paikkakunta, etäisyys meistä?",
        "en": "Where are they: region, town, distance from us?",
    },
    "lifestyle": {
        "fi": "Elämäntapa, persoonallisuus ja käyttäytyminen vuorovaikutustilanteissa.",
        "en": "Lifestyle, personality and how they behave when dealing with people.",
    },
    "cube_volume": {
        "fi": "Volyymi: myynnin määrä euroina tai kappaleina (1 = pieni, 5 = suuri).",
        "en": "Volume: sales in euros or units (1 = small, 5 = large).",
    },
    "cube_efficiency": {
        "fi": "Tehokkuus: kate, joka jää kun asiakkuuden hoidon kustannukset on vähennetty "
        "(1 = heikko, 5 = erinomainen).",
        "en": "Efficiency: the margin left after the costs of serving the customer "
        "(1 = poor, 5 = excellent).",
    },
    "cube_duration": {
        "fi": "Kesto: kuinka pitkään asiakkuus tuottaa (1 = hetken, 5 = vuosikymmeniä).",
        "en": "Duration: how long the relationship yields (1 = briefly, 5 = for decades).",
    },
    "q_interested": {
        "fi": "Ovatko he kiinnostuneita tuotteistamme tai palveluistamme ja valmiita maksamaan "
        "niistä kunnon hinnan?",
        "en": "Are they interested in what we offer, and ready to pay a fair price for it?",
    },
    "q_better_benefit": {
        "fi": "Onko meidän tuomamme hyöty heidän mielestään parempi kuin kilpailevien "
        "vaihtoehtojen?",
        "en": "In their eyes, is the benefit we bring better than the alternatives?",
    },
    "q_value_over_price": {
        "fi": "Onko heidän kokemansa arvo suurempi kuin pyytämämme hinta?",
        "en": "Is the value they experience greater than the price we ask?",
    },
    "q_enough": {
        "fi": "Onko heitä toimialueellamme riittävästi?",
        "en": "Are there enough of them where we operate?",
    },
    "q_know_us": {
        "fi": "Tietävätkö he meistä, tarjonnastamme ja sen saatavuudesta riittävästi?",
        "en": "Do they know enough about us, what we offer and where to get it?",
    },
    "evidence": {
        "fi": "Perustuvatko vastaukset faktoihin vai luuloihin?",
        "en": "Are these answers facts or beliefs?",
    },
    "notes": {
        "fi": "Muuta huomioitavaa.",
        "en": "Anything else to note.",
    },
    "kano_attribute_values": {
        "fi": "Kano-vastaajien taustatiedon arvot, jotka kuuluvat tähän segmenttiin, pilkuilla "
        "erotettuina (segmentin oma nimi kuuluu aina).",
        "en": "Values of a Kano respondent attribute that belong to this segment, separated by "
        "commas (the segment's own name always counts).",
    },
}


def prompt(name: str, language: str) -> str:
    texts = PROMPTS.get(name, {})
    return texts.get(language) or texts.get("en", "")


SECTION_TITLES = {
    "profile": {"fi": "Profiili", "en": "Profile"},
    "needs": {"fi": "Tarpeet, arvot ja odotukset", "en": "Needs, values and expectations"},
    "business": {"fi": "Yritysasiakkaat", "en": "Business customers"},
    "grouping": {"fi": "Ryhmittelyperusteet", "en": "Grouping dimensions"},
    "cube": {"fi": "Arvokuutio", "en": "Value cube"},
    "selection": {"fi": "Avainkysymykset", "en": "Key questions"},
    "notes": {"fi": "Muistiinpanot", "en": "Notes"},
    "connections": {"fi": "Yhteydet muihin osiin", "en": "Connections"},
}

# --- the segment matrix --------------------------------------------------------------------

CAR_DEALER = {
    "fi": {
        "row_axis": "Autotyyppi",
        "row_values": ["Henkilöauto", "Pakettiauto", "Maasturi", "Taksi", "Yritysleasing"],
        "column_axis": "Asiakkaan suhde autoon",
        "column_values": [
            "Tarkan markan ostaja",
            "Auto perheenjäsenenä",
            "Pullistelija",
            "Auto pelkkänä käyttöesineenä",
            "Naapuri tai internet neuvoo",
        ],
    },
    "en": {
        "row_axis": "Vehicle type",
        "row_values": ["Passenger car", "Van", "SUV", "Taxi", "Company leasing"],
        "column_axis": "How the customer relates to the car",
        "column_values": [
            "The penny-pincher",
            "Car as a family member",
            "The show-off",
            "Car as a mere tool",
            "The neighbour or the internet advises",
        ],
    },
}

MATRIX_GUIDANCE = {
    "fi": "Rivit ovat ”kovia” tekijöitä (esimerkiksi tuote, koko, toimiala), sarakkeet "
    "”pehmeitä” (arvostukset, persoonallisuus, käyttäytyminen). Kirjoita kuhunkin ruutuun, mikä "
    "tuottaa juuri sille ryhmälle tyytyväisyyttä ja hyötyä.",
    "en": "Rows are “hard” factors (for example product, size, industry), columns are “soft” "
    "ones (values, personality, behaviour). In each cell write what gives that very group "
    "satisfaction and benefit.",
}

# --- customer value to the company ---------------------------------------------------------


@dataclass(frozen=True)
class DefaultCriterion:
    key: str
    names: dict
    descriptions: dict
    weight: float = 1.0


DEFAULT_CRITERIA = (
    DefaultCriterion(
        "volume",
        {"fi": "Myyntivolyymi", "en": "Sales volume"},
        {"fi": "Myynnin määrä euroina tai kappaleina.", "en": "Sales in euros or units."},
    ),
    DefaultCriterion(
        "frequency",
        {"fi": "Ostotiheys", "en": "Purchase frequency"},
        {"fi": "Kuinka usein ryhmä ostaa.", "en": "How often the group buys."},
    ),
    DefaultCriterion(
        "margin",
        {"fi": "Myyntikate", "en": "Sales margin"},
        {"fi": "Kate, jonka ryhmän kaupat jättävät.", "en": "The margin the group's sales leave."},
    ),
    DefaultCriterion(
        "profit",
        {"fi": "Kannattavuus", "en": "Profit"},
        {
            "fi": "Tulos, joka ryhmästä jää palvelemisen kustannusten jälkeen.",
            "en": "The profit the group leaves after the costs of serving it.",
        },
    ),
    DefaultCriterion(
        "relationship",
        {"fi": "Suhteen vahvuus", "en": "Relationship strength"},
        {
            "fi": "Vapaaehtoinen suhde on vahvempi kuin pakotettu (sopimus, vaihtamisen hinta).",
            "en": "A voluntary relationship is stronger than a forced one (contract, cost of "
            "switching).",
        },
    ),
    DefaultCriterion(
        "loyalty",
        {"fi": "Uskollisuus", "en": "Loyalty"},
        {
            "fi": "Pysyvätkö he, myös pettymyksen jälkeen?",
            "en": "Do they stay, even after a disappointment?",
        },
    ),
    DefaultCriterion(
        "share_of_wallet",
        {"fi": "Osto-osuus", "en": "Share of wallet"},
        {
            "fi": "Kuinka suuren osan hankinnoistaan he keskittävät meille.",
            "en": "How much of their purchases they bring to us.",
        },
    ),
    DefaultCriterion(
        "duration",
        {"fi": "Asiakkuuden kesto", "en": "Duration"},
        {"fi": "Kuinka pitkään asiakkuus kestää.", "en": "How long the relationship lasts."},
    ),
    DefaultCriterion(
        "chemistry",
        {"fi": "Kemia", "en": "Chemistry"},
        {"fi": "Kuinka hyvin yhteistyö sujuu.", "en": "How well we work together."},
    ),
    DefaultCriterion(
        "satisfaction",
        {"fi": "Tyytyväisyys", "en": "Satisfaction"},
        {"fi": "Kuinka tyytyväisiä he ovat meihin.", "en": "How satisfied they are with us."},
    ),
    DefaultCriterion(
        "strategic",
        {"fi": "Strateginen arvo", "en": "Strategic value"},
        {
            "fi": "Kuinka hyvin ryhmä sopii strategiaamme ja vahvuuksiimme.",
            "en": "How well the group fits our strategy and strengths.",
        },
    ),
    DefaultCriterion(
        "reference",
        {"fi": "Referenssiarvo", "en": "Reference value"},
        {
            "fi": "Avaako heidän nimensä ovia muihin asiakkaisiin?",
            "en": "Does their name open doors to other customers?",
        },
    ),
    DefaultCriterion(
        "learning",
        {"fi": "Oppimisarvo", "en": "Learning value"},
        {
            "fi": "Opimmeko heiltä jotakin, mikä kehittää meitä?",
            "en": "Do we learn from them something that develops us?",
        },
    ),
    DefaultCriterion(
        "potential",
        {"fi": "Tulevaisuuden potentiaali", "en": "Future potential"},
        {
            "fi": "Kuinka paljon ryhmä voi kasvaa; pienestä asiakkaasta voi tulla suuri.",
            "en": "How much the group can grow; a small customer can become a big one.",
        },
    ),
    DefaultCriterion(
        "risk",
        {"fi": "Riski", "en": "Risk"},
        {
            "fi": "Riippuvuus yhdestä asiakkaasta. Pisteytä käänteisesti: 5 = pieni riski, "
            "1 = suuri riski.",
            "en": "Dependence on one customer. Scored in reverse: 5 = low risk, 1 = high risk.",
        },
    ),
)

# --- value experience ----------------------------------------------------------------------

EXPERIENCE_KINDS = ("gain", "sacrifice")
EXPERIENCE_DIMENSIONS = ("functional", "economic", "emotional", "social")
EXPERIENCE_MOMENTS = ("before", "transaction", "after")

EXPERIENCE_GUIDANCE = {
    "fi": "Mitä asiakas kokee saavansa ja mistä luopuvansa, ennen ostoa (päätös), "
    "kaupantekohetkellä (tyytyväisyys) ja oston jälkeen (uusintaosto, uskollisuus). Vaikutus "
    "arvokokemukseen −3…+3: voimakkaasti koettu hyöty on +3, raskas uhraus −3. Ihminen valitsee "
    "tunteella ja perustelee järjellä.",
    "en": "What the customer feels they get and what they give up, before purchase (the "
    "decision), at the transaction (satisfaction) and after purchase (repurchase, loyalty). The "
    "effect on the value experience −3…+3: a strongly felt gain is +3, a heavy sacrifice −3. "
    "People choose with emotion and justify with reason.",
}

# --- customer selection --------------------------------------------------------------------

SELECTION_PHASES = {
    1: {
        "fi": (
            "Asiakastiedot kuntoon",
            "Onko asiakasrekisteri kattava ja ajan tasalla, ja kertooko se myös asiakkaiden "
            "käyttäytymisestä eikä vain tilastoista?",
        ),
        "en": (
            "Customer data in order",
            "Is the customer register complete and up to date, and does it tell about behaviour, "
            "not only statistics?",
        ),
    },
    2: {
        "fi": (
            "”Tekninen” ryhmittely",
            "Ryhmittele asiakkaat kovien tekijöiden mukaan: koko, toimiala, tuote, alue, "
            "ostotiheys, kanava.",
        ),
        "en": (
            "“Technical” grouping",
            "Group the customers by hard factors: size, industry, product, region, purchase "
            "frequency, channel.",
        ),
    },
    3: {
        "fi": (
            "Ryhmien arvo yritykselle",
            "Pisteytä ryhmien arvo (volyymi, kate, kesto, suhde, potentiaali, riski...) ja "
            "kysy, miksi asiakkaat toimivat niin kuin toimivat.",
        ),
        "en": (
            "Each group's value to the company",
            "Score the groups' value (volume, margin, duration, relationship, potential, "
            "risk...) and keep asking why customers act as they do.",
        ),
    },
    4: {
        "fi": (
            "Ryhmiin tutustuminen luovasti",
            "Määrittele ryhmät niin, että tunnistat uudenkin asiakkaan kuuluvan niihin. Kokeile, "
            "vieraile, kysy.",
        ),
        "en": (
            "Getting to know the groups creatively",
            "Define the groups so that you can tell a new customer belongs to one. Experiment, "
            "visit, ask.",
        ),
    },
    5: {
        "fi": (
            "Valittujen ryhmien perusteellinen tutkiminen",
            "Tutki valitut ryhmät syvällisesti, myös menetetyt asiakkaat, kilpailijoiden "
            "asiakkaat ja ne, jotka eivät osta lainkaan.",
        ),
        "en": (
            "Studying the chosen groups in depth",
            "Study the chosen groups in depth, also lost customers, competitors' customers and "
            "those who do not buy at all.",
        ),
    },
}


def selection_phase_text(phase: int, language: str) -> tuple[str, str]:
    texts = SELECTION_PHASES[phase]
    return texts.get(language) or texts["en"]
