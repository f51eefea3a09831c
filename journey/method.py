"""The method's default content: phases, stages, worksheet fields and their guiding questions.

Pure data, in Finnish and English. A new workshop copies the template in its own language;
the prompts beside each field are shown in the workshop's language, whatever the UI language.
Written for Arvopolku from the ideas of the method (see DOMAIN.md), not copied from the sources.
"""

from dataclasses import dataclass, field

PHASE_KEYS = ("before", "purchase", "after")

PHASE_NAMES = {
    "before": {"fi": "Ennen hankintaa", "en": "Before purchase"},
    "purchase": {"fi": "Hankinta", "en": "Purchase"},
    "after": {"fi": "Hankinnan jälkeen", "en": "After purchase"},
}

# (phase, fi name, en name, fi guidance, en guidance)
DEFAULT_STAGES = [
    (
        "before",
        "Tarpeen tai mielihalun ilmeneminen",
        "Need or desire arises",
        "Mikä tarve on ja mistä asiakas huomaa sen ensimmäiset merkit? Onko se harmi, ongelma, "
        "toive vai päähänpisto? Korjaus- ja uusimistarpeita lykätään, ja myönteinen halu laimenee, "
        "jos ostaminen ei ole helppoa.",
        "What is the need, and what are its first signs for the customer? Is it a nuisance, a "
        "problem, a wish or a whim? Repairs and replacements get postponed, and a positive wish "
        "fades if buying is not easy.",
    ),
    (
        "before",
        "Vaihtoehtojen pohdinta",
        "Considering alternatives",
        "Miten asiakas etsii ja punnitsee tietoa? Muista, että tekemättä jättäminen tai "
        "korjauttaminen on myös vaihtoehto.",
        "How does the customer look for and weigh information? Doing nothing or repairing the old "
        "one is an alternative too.",
    ),
    (
        "before",
        "Valitseminen",
        "Choosing",
        "Mitkä ovat valintakriteerit, vaihtoehdot ja tarvittava tieto? Mitä kanavia asiakas "
        "harkitsee, mitä ennakkokäsityksiä ja odotuksia hänellä on, mistä arvokokemus syntyy?",
        "What are the criteria, the alternatives and the information needed? Which channels does "
        "the customer consider, what preconceptions and expectations do they bring, what makes "
        "up the value experience?",
    ),
    (
        "purchase",
        "Yrityksen tietojen löytäminen",
        "Finding the company",
        "Löytääkö asiakas meidät: puhelinnumeron, aukioloajat, osoitteen, oikean henkilön?",
        "Can the customer find us: our phone number, opening hours, address, the right person?",
    ),
    (
        "purchase",
        "Yhteydenotto",
        "Making contact",
        "Miten ensimmäinen yhteys syntyy, missä kanavassa ja kuinka nopeasti vastaamme?",
        "How does the first contact happen, in which channel, and how fast do we answer?",
    ),
    (
        "purchase",
        "Asioinnin vaiheet",
        "Doing business",
        "Käy läpi asioinnin jokainen askel asiakkaan silmin: mikä sujuu, mikä takkuaa?",
        "Walk through each step of the transaction with the customer's eyes: what flows, what "
        "sticks?",
    ),
    (
        "purchase",
        "Toimitus ja maksu",
        "Delivery and payment",
        "Toimitus, laskutus ja maksuehdot: pitävätkö lupaukset ja onko lasku selvä?",
        "Delivery, invoicing and payment terms: do we keep our promises, is the invoice clear?",
    ),
    (
        "after",
        "Käyttöönotto ja käyttö",
        "Deployment and use",
        "Mitä opastusta, koulutusta ja tukea asiakas tarvitsee saadakseen hyödyn irti?",
        "What guidance, training and support does the customer need to get the benefit?",
    ),
    (
        "after",
        "Huolto ja varaosat",
        "Maintenance and spare parts",
        "Miten huolto, korjaukset ja varaosat hoituvat asiakkaan kannalta?",
        "How do maintenance, repairs and spare parts work from the customer's side?",
    ),
    (
        "after",
        "Luopuminen",
        "Disposal, resale, giving up",
        "Miten asiakas luopuu tuotteesta: kierrätys, jälleenmyynti, sopimuksen päättäminen?",
        "How does the customer let go: recycling, resale, ending the contract?",
    ),
    (
        "after",
        "Jälkimaku",
        "Aftertaste",
        "Millaisena asiakas muistaa palvelun? Mikä jäi mieleen hyvässä tai pahassa?",
        "How does the customer remember the service? What stayed in mind, good or bad?",
    ),
    (
        "after",
        "Muiden kommentit",
        "Others' comments",
        "Mitä asiakas kertoo muille? Suosittelut, arviot ja puskaradio.",
        "What does the customer tell others? Recommendations, reviews, word of mouth.",
    ),
]


@dataclass(frozen=True)
class WorksheetField:
    name: str
    section: str
    kind: str  # text, line, choice, scale, bool
    prompts: dict = field(default_factory=dict)
    choices: tuple = ()
    low: int = 0
    high: int = 0
    counts_for_completion: bool = True


# Sections in the method's order of work: expectation, target, way of working, measurement,
# front line, supervisors; then classification, experience, value, interest groups.
SECTIONS = (
    "customer",
    "company",
    "measurement",
    "support",
    "classification",
    "experience",
    "value",
    "interest_groups",
    "notes",
)

FIELDS = [
    WorksheetField(
        "customer_does",
        "customer",
        "text",
        {
            "fi": "Mitä asiakas tässä vaiheessa tekee tai joutuu tekemään?",
            "en": "What does the customer do here, or have to do?",
        },
    ),
    WorksheetField(
        "customer_thinks",
        "customer",
        "text",
        {
            "fi": "Mitä asiakas ajattelee? Mitä kysymyksiä hänellä on mielessään?",
            "en": "What does the customer think? What questions are on their mind?",
        },
    ),
    WorksheetField(
        "customer_feels",
        "customer",
        "text",
        {
            "fi": "Miltä asiakkaasta tuntuu: epävarmalta, kiireiseltä, innostuneelta?",
            "en": "How does the customer feel: unsure, hurried, excited?",
        },
    ),
    WorksheetField(
        "need",
        "customer",
        "text",
        {
            "fi": "Mikä on asiakkaan varsinainen tarve tässä vaiheessa?",
            "en": "What does the customer really need at this stage?",
        },
    ),
    WorksheetField(
        "expectation",
        "customer",
        "text",
        {
            "fi": "1. Mitä asiakas odottaa? Selvitä odotus ennen kuin päätät omasta tasosta.",
            "en": "1. What does the customer expect? Find out before setting our own level.",
        },
    ),
    WorksheetField(
        "counterpart_today",
        "company",
        "text",
        {
            "fi": "Mikä on yrityksen vastine tähän vaiheeseen tänään?",
            "en": "What is the company's counterpart to this stage today?",
        },
    ),
    WorksheetField(
        "target_level",
        "company",
        "text",
        {
            "fi": "2. Mikä on yrityksen tavoitetaso tässä vaiheessa?",
            "en": "2. What level does the company aim for at this stage?",
        },
    ),
    WorksheetField(
        "way_of_working",
        "company",
        "text",
        {
            "fi": "3. Millä käytännön toimintatavalla tavoitetaso saavutetaan?",
            "en": "3. What practical way of working reaches the target level?",
        },
    ),
    WorksheetField(
        "metric",
        "measurement",
        "line",
        {
            "fi": "4. Millä mittarilla onnistumista mitataan?",
            "en": "4. Which measure tells whether we succeed?",
        },
    ),
    WorksheetField(
        "metric_target",
        "measurement",
        "line",
        {"fi": "Mittarin tavoitearvo.", "en": "The measure's target value."},
    ),
    WorksheetField(
        "follow_up",
        "measurement",
        "text",
        {
            "fi": "Kuka seuraa, kuinka usein ja miten poikkeamiin puututaan?",
            "en": "Who follows up, how often, and how are deviations handled?",
        },
    ),
    WorksheetField(
        "frontline_needs",
        "support",
        "text",
        {
            "fi": "5. Mitä etulinja tarvitsee onnistuakseen: tukitoimet, työkalut, selvitykset, "
            "järjestelmät, tiedot?",
            "en": "5. What does the front line need to succeed: support, tools, studies, systems, "
            "information?",
        },
    ),
    WorksheetField(
        "supervisor_needs",
        "support",
        "text",
        {
            "fi": "6. Mitä esimiehet tarvitsevat tukeakseen, mitatakseen, seuratakseen ja "
            "vaatiakseen onnistumista?",
            "en": "6. What do supervisors need to support, measure, follow and demand success?",
        },
    ),
    WorksheetField(
        "role",
        "classification",
        "choice",
        {
            "fi": "Edellytys on aina oltava kunnossa; mahdollisuus tuo kilpailuetua.",
            "en": "A prerequisite must always work; an opportunity brings competitive advantage.",
        },
        choices=("prerequisite", "opportunity"),
    ),
    WorksheetField(
        "criticality",
        "classification",
        "choice",
        {
            "fi": "Kriittinen on aina kunnossa; vähemmän kriittiselle riittää "
            "määritelty perustaso.",
            "en": "A critical stage is always in order; for a less critical one a defined baseline "
            "is enough.",
        },
        choices=("critical", "less_critical"),
    ),
    WorksheetField(
        "importance",
        "classification",
        "scale",
        {
            "fi": "Kuinka tärkeä vaihe on asiakkaalle (1-5)?",
            "en": "How important is this stage to the customer (1-5)?",
        },
        low=1,
        high=5,
    ),
    WorksheetField(
        "gate_stage",
        "classification",
        "bool",
        {
            "fi": "Porttivaihe: jos se epäonnistuu, asiakas ei pääse seuraavaan vaiheeseen.",
            "en": "Gate stage: if it fails, the customer never reaches the next stage.",
        },
        counts_for_completion=False,
    ),
    WorksheetField(
        "standardisation",
        "classification",
        "choice",
        {
            "fi": "Vakioitu: poista tyytymättömyyden lähteet, konsepti, suunnitellut yllätykset. "
            "Vakioimaton: yksilöllinen palvelu, tilaa yllätyksille.",
            "en": "Standardised: remove dissatisfiers, a concept, planned surprises. "
            "Non-standardised: individual service, room for surprises.",
        },
        choices=("standardised", "non_standardised"),
    ),
    WorksheetField(
        "experience_today",
        "experience",
        "scale",
        {
            "fi": "Miten asiakas kokee vaiheen tänään (-3 … +3)?",
            "en": "How does the customer experience this stage today (-3 … +3)?",
        },
        low=-3,
        high=3,
    ),
    WorksheetField(
        "experience_target",
        "experience",
        "scale",
        {
            "fi": "Mihin kokemukseen tähtäämme (-3 … +3)?",
            "en": "Which experience do we aim for (-3 … +3)?",
        },
        low=-3,
        high=3,
    ),
    WorksheetField(
        "value_easier_buying",
        "value",
        "text",
        {"fi": "Miten ostamisesta tehdään helpompaa?", "en": "How do we make buying easier?"},
        counts_for_completion=False,
    ),
    WorksheetField(
        "value_easier_using",
        "value",
        "text",
        {"fi": "Miten käyttämisestä tehdään helpompaa?", "en": "How do we make using easier?"},
        counts_for_completion=False,
    ),
    WorksheetField(
        "value_benefits_visible",
        "value",
        "text",
        {
            "fi": "Miten hyödyt saadaan helposti näkyviin?",
            "en": "How do we make the benefits easy to see?",
        },
        counts_for_completion=False,
    ),
    WorksheetField(
        "value_low_threshold",
        "value",
        "text",
        {
            "fi": "Miten ensimmäinen kynnys madalletaan: ensikontakti, -päätös, -osto, "
            "-käyttöönotto, uusintaosto?",
            "en": "How do we lower the first threshold: first contact, decision, purchase, "
            "deployment, repurchase?",
        },
        counts_for_completion=False,
    ),
    WorksheetField(
        "value_shortcut_personal",
        "value",
        "text",
        {
            "fi": "Oikotie kiireiselle ja henkilökohtaisempaa palvelua sitä arvostavalle?",
            "en": "A shortcut for the hurried, more personal service for those who value it?",
        },
        counts_for_completion=False,
    ),
    WorksheetField(
        "interest_customer",
        "interest_groups",
        "text",
        {"fi": "Mitä asiakas hyötyy?", "en": "What does the customer gain?"},
        counts_for_completion=False,
    ),
    WorksheetField(
        "interest_company",
        "interest_groups",
        "text",
        {
            "fi": "Mitä yritys hyötyy (liikeidea, strategia)?",
            "en": "What does the company gain (business idea, strategy)?",
        },
        counts_for_completion=False,
    ),
    WorksheetField(
        "interest_staff",
        "interest_groups",
        "text",
        {"fi": "Mitä asiakastyötä tekevät hyötyvät?", "en": "What do customer-facing staff gain?"},
        counts_for_completion=False,
    ),
    WorksheetField(
        "interest_support",
        "interest_groups",
        "text",
        {
            "fi": "Mitä tukitoiminnot hyötyvät ja mitä niiltä tarvitaan?",
            "en": "What do support functions gain, and what is needed of them?",
        },
        counts_for_completion=False,
    ),
    WorksheetField(
        "notes",
        "notes",
        "text",
        {
            "fi": "Muuta: tyhjä tuoli, uskollisuusprosessi, havainnot.",
            "en": "Other: the empty chair, the loyalty process, observations.",
        },
        counts_for_completion=False,
    ),
]

FIELDS_BY_NAME = {f.name: f for f in FIELDS}
COMPLETION_FIELDS = [f.name for f in FIELDS if f.counts_for_completion]

CHANNELS = (
    "premises",
    "phone",
    "booking",
    "email_post",
    "website",
    "social_media",
    "mobile_sms",
    "product_packaging",
    "transport",
    "advertising",
    "documents",
    "work_quality",
    "installers",
    "drivers",
    "billing_staff",
    "vehicles",
    "other",
)
INTERACTIONS = ("people", "physical", "systems", "product", "other_customers", "other")
FREQUENCIES = ("routine", "recurring", "exceptional")
ACTION_STATUSES = ("todo", "doing", "done")


def prompt(field_name: str, language: str) -> str:
    prompts = FIELDS_BY_NAME[field_name].prompts
    return prompts.get(language) or prompts["en"]


def default_stages(language: str) -> list[tuple[str, str, str]]:
    """(phase key, stage name, guidance) in the given language."""
    index = 1 if language == "fi" else 2
    return [(row[0], row[index], row[index + 2]) for row in DEFAULT_STAGES]
