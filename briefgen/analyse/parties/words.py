"""Word lists the parties stage reads names with: general English, never one event's names.

Lowercase, straight quotes. Titles and honorifics (a role, not a name), generic and
institution words (never a name alone), organisation endings and heads (the words say ORG),
company forms (variants drop them), government words (rank with officials), and site chrome.
"""

from __future__ import annotations

import re

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
POSSESSIVES = frozenset({"'s", "'"})
BULLET_MARKS = frozenset({"•", "·", "*", "▪", "►", "‣", "◦"})
HYPHENS = frozenset({"-", "‐", "‑"})
# Small words allowed inside names and titles ("Bank of England", "Chief of the Army Staff").
CONNECTORS = frozenset(
    {
        "of", "and", "for", "the", "&", "de", "del", "du", "des", "la", "le", "da", "di", "y",
        "von", "van", "on",
    }
)  # fmt: skip
# Heads of titles: the word that makes a phrase a role ("Commerce Minister", "Chargé d'Affaires").
HEAD_TITLES = frozenset(
    {
        "president", "president-elect", "minister", "premier", "chancellor", "secretary",
        "secretary-general", "chief", "ambassador", "envoy", "consul", "chargé", "charge",
        "d'affaires", "director", "director-general", "chairman", "chairwoman", "chairperson",
        "ceo", "cfo", "coo", "cto", "governor", "mayor", "senator", "congressman",
        "congresswoman", "lawmaker", "marshal", "general", "admiral", "colonel", "brigadier",
        "captain", "lieutenant", "commander", "commissioner", "spokesperson", "spokesman",
        "spokeswoman", "adviser", "advisor", "counsellor", "counselor", "attaché", "attache",
        "king", "queen", "prince", "princess", "sheikh", "emir", "sultan", "pope", "judge",
        "justice", "prosecutor", "founder", "co-founder", "head", "leader", "speaker",
        "administrator", "superintendent", "inspector", "officer", "treasurer", "dean",
    }
)  # fmt: skip
# Words that qualify a title ("Acting Deputy ...", "Prime ...", "Field Marshal").
TITLE_MODIFIERS = frozenset(
    {
        "acting", "deputy", "vice", "senior", "former", "interim", "assistant", "associate",
        "executive", "prime", "foreign", "field", "first", "under", "special", "principal",
        "managing", "permanent", "high", "lord", "state", "federal", "provincial", "chief",
    }
)  # fmt: skip
HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "prof", "professor", "rev", "hon"}
)
TITLE_WORDS = HEAD_TITLES | TITLE_MODIFIERS
# Capitalised words that are not names on their own ("House" of "Prime Minister's House").
GENERIC_WORDS = frozenset(
    {
        "house", "embassy", "consulate", "state", "states", "office", "ministry", "government",
        "department", "company", "group", "cabinet", "court", "parliament", "senate",
        "administration", "agency", "army", "navy", "police", "council", "committee",
        "commission", "bank", "university", "board", "mission", "post", "posts", "comment",
        "comments", "city", "province", "capital", "country", "nation", "federal", "national",
        "international", "global", "republic", "kingdom", "union", "organisation",
        "organization", "corporation", "authority", "institute", "centre", "center",
        "foundation", "association", "party", "people", "team", "staff", "news", "press",
        "media", "update", "report", "home", "page", "menu", "search", "share", "video",
        "photo", "related", "previous", "next", "advertisement", "more", "secretariat",
        "assembly", "division", "bureau", "unit", "service", "services", "project",
        "programme", "program", "plan", "initiative", "deal", "agreement", "memorandum",
        "accord", "treaty", "today", "world", "region", "market", "sector", "industry",
    }
)  # fmt: skip
# A name ending in one of these is an organisation whatever the model said ("Barrick Gold").
ORG_SUFFIXES = frozenset(
    {
        "gold", "metals", "metal", "mining", "mines", "minerals", "resources", "group",
        "corporation", "corp", "company", "co", "ltd", "limited", "inc", "incorporated", "plc",
        "llc", "llp", "gmbh", "ag", "sa", "nv", "bv", "spa", "holdings", "holding", "partners",
        "capital", "ventures", "industries", "enterprises", "technologies", "technology",
        "systems", "solutions", "energy", "petroleum", "oil", "gas", "steel", "motors",
        "airlines", "airways", "bank", "fund", "trust", "foundation", "institute",
        "university", "college", "school", "hospital", "organisation", "organization",
        "agency", "authority", "ministry", "department", "commission", "committee", "council",
        "cabinet", "board", "bureau", "office", "embassy", "consulate", "association",
        "federation", "alliance", "network", "party", "army", "navy", "force", "forces",
        "police", "parliament", "assembly", "senate", "court", "exchange", "administration",
        "secretariat", "logistics", "works", "mission", "programme", "program", "initiative",
    }
)  # fmt: skip
# ... or starting with one of these followed by "of" ("Ministry of Finance", "Bank of England").
ORG_HEADS = frozenset(
    {
        "ministry", "department", "bank", "university", "office", "embassy", "consulate",
        "institute", "commission", "council", "board", "bureau", "court", "house",
        "federation", "association", "organisation", "organization", "government", "college",
    }
)  # fmt: skip
# Organisations that are government bodies rank with officials.
GOVERNMENT_WORDS = frozenset(
    {
        "ministry", "department", "embassy", "consulate", "cabinet", "government",
        "parliament", "senate", "congress", "assembly", "commission", "agency", "office",
        "army", "navy", "police", "council", "secretariat", "administration", "court", "bureau",
    }
)  # fmt: skip
# Company-form endings that variants drop ("Mota-Engil Group" = "Mota-Engil").
CORPORATE_SUFFIXES = frozenset(
    {
        "group", "inc", "incorporated", "ltd", "limited", "corp", "corporation", "co",
        "company", "plc", "llc", "llp", "holdings", "holding", "gmbh", "ag", "sa", "nv", "bv",
    }
)  # fmt: skip
# Words of a company's business that its short name drops ("Kestrel Bay" for "Kestrel Bay
# Resources Inc.", "Barrick" for "Barrick Gold").
BUSINESS_WORDS = frozenset(
    {
        "resources", "mining", "mines", "minerals", "metals", "metal", "gold", "silver",
        "copper", "nickel", "lithium", "cobalt", "iron", "ore", "coal", "uranium", "zinc",
        "platinum", "energy", "power", "petroleum", "oil", "gas", "steel", "industries",
        "technologies", "technology", "exploration", "ventures", "enterprises",
        "international",
    }
)  # fmt: skip
# Regions a company's local arm is named for ("Mota Rail Africa").
REGION_WORDS = frozenset(
    {"africa", "asia", "europe", "america", "americas", "oceania", "australasia", "pacific"}
)
# Portfolios before a minister's title: "Transport Minister" names no organisation "Transport".
PORTFOLIO_WORDS = frozenset(
    {
        "transport", "transportation", "finance", "commerce", "trade", "foreign", "defence",
        "defense", "interior", "home", "energy", "mines", "mining", "minerals", "petroleum",
        "oil", "health", "education", "justice", "agriculture", "industry", "industries",
        "labour", "labor", "environment", "infrastructure", "communications", "information",
        "planning", "economy", "economic", "investment", "water", "tourism", "culture",
        "housing", "works", "fisheries", "telecommunications", "treasury", "budget", "power",
        "railways", "aviation", "maritime", "science", "technology",
    }
)  # fmt: skip
# Lines of site furniture: entities found only there are not parties.
CHROME = re.compile(
    r"^\s*(posted by|previous post|next post|related posts?|leave a (comment|reply)|"
    r"you may also like|read more|read next|share (this|on)|follow us|subscribe|advertisement|"
    r"sponsored|\d+\s+comments?|comments?\b|all rights reserved|copyright|sign up|newsletter|"
    r"click here|tags?:|filed under|most popular|trending|recommended)",
    re.IGNORECASE,
)
# One of these alone is never a name ("House" of "Prime Minister's House", "Chargé", "Metals").
LONE_NON_NAMES = TITLE_WORDS | GENERIC_WORDS | HONORIFICS | ORG_SUFFIXES
# A title or honorific before a name is a role, not part of the name.
PERSON_TITLES = TITLE_WORDS | HONORIFICS
PERSON_INSTITUTION_NOUNS = frozenset({"administration", "government", "campaign", "cabinet"})
