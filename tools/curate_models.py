#!/usr/bin/env python3
"""Generate gemmalint's shipped reference models (models/*.yaml, models/SOURCES.md).

Usage:  python3 tools/curate_models.py [REFERENCE_DIR] [--out MODELS_DIR]

REFERENCE_DIR defaults to ../shared/reference relative to the repository root; it holds the
sourced raw data (components.yaml, bedrijfsfuncties.yaml, gegevensobjecten.yaml,
basisregistraties.yaml, standards.yaml) and its SOURCES.md. MODELS_DIR defaults to models/ in the
repository root. Needs Python 3.11 and PyYAML only.

Everything in the models is taken from the reference data. Where a judgement was needed (a family
membership, an alias, a clash resolution, a mapping), it is written below as curated data with a
`basis` that says so, and SOURCES.md (generated from the same data) lists it. The output is
deterministic: sorted, stable key order, no timestamps other than the fixed extraction date.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import unicodedata

import yaml

# --------------------------------------------------------------------------------------------
# Fixed provenance facts (from shared/reference/*.yaml `meta` and shared/reference/SOURCES.md)
# --------------------------------------------------------------------------------------------

EXTRACTED_ON = "2026-11-28"
LICENCE = "EUPL-1.2"
GENERATED_BY = "tools/curate_models.py"
GEMMA_REPO = "VNG-Realisatie/GEMMA-Archi-repository"
GEMMA_COMMIT = "13846a575e3f772b26035e4d144a3c1e4c7ef813"
GEMMA_RELEASE = "2026-06-30"
GEMMA_NAME = "GEMMA ArchiMate model (Kernmodel)"
LICENCE_NOTE = (
    "The GEMMA source is published under the EUPL (its Readme names no version); these models are "
    "distributed under EUPL-1.2."
)

# --------------------------------------------------------------------------------------------
# Curated judgements. Each carries its basis. SOURCES.md lists them all.
# --------------------------------------------------------------------------------------------

# Kind of each standards source (primary | secondary). The brief and the reference `kind` texts.
SOURCE_KIND = {
    "GEMMA": ("primary", "reference kind: primary (VNG model)"),
    "FS-GDI": ("primary", "reference kind: primary-ish (Ministerie van BZK architecture model copying Forum data); "
                          "treated as primary (judgement)"),
    "FS-2022": ("primary", "reference kind: primary page, partial (first 8 rows only)"),
    "FS-BB": ("secondary", "reference kind: secondary (membership only, no status)"),
    "FS-LS": ("secondary", "reference kind: secondary (AI-assisted summary; marked concept)"),
    "FS-BIO": ("secondary", "reference kind: secondary (AI-generated summary)"),
    "FS-2026": ("primary", "each standard's own Forum Standaardisatie page, its NORA FS: page, or the Staatsblad, "
                           "read on 2026-12-03 (models/sources/forum-standaardisatie-2026-12-03.yaml), and again on 2026-12-04 "
                           "for the statuses the first reading left unconfirmed or undated "
                           "(models/sources/forum-standaardisatie-2026-12-04.yaml)"),
}

# The reading of primary sources of 2026-12-03 (source FS-2026), kept in the repository.
FS_2026_FILE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                            "models", "sources", "forum-standaardisatie-2026-12-03.yaml")
# A second reading, on 2026-12-04, of the statuses the first left without a primary source or a decision date.
FS_2026_SECOND_FILE = os.path.join(os.path.dirname(FS_2026_FILE), "forum-standaardisatie-2026-12-04.yaml")
FS_2026_SOURCE = {
    "what": "Status per standard checked on 2026-12-03 against its own page on forumstandaardisatie.nl, its NORA "
            "Online FS: page, or (for a legal duty) the Staatsblad and wetten.overheid.nl; the URL, a verbatim "
            "quote and the decision date per standard are under each standard's status_source",
    "url": "https://www.forumstandaardisatie.nl/open-standaarden",
    "date": "2026-12-03",
    "kind": "primary",
}
# Catalogue status -> the Forum's own words, for statements.
FORUM_WORDS = {"wettelijk-verplicht": "wettelijk verplicht", "verplicht": "verplicht",
               "aanbevolen": "aanbevolen", "none": "geen"}

# Forum status words (reference) -> catalogue status.
STATUS_MAP = {
    "wettelijk verplicht": "wettelijk-verplicht",
    "verplicht": "verplicht",
    "aanbevolen": "aanbevolen",
    "geen": "none",
    "unknown": "unknown",
}

# Disagreements between sources that are DATED CHANGES (not conflicts). Any other disagreement
# found in the data stops the script until it is judged here or in CONFLICTS.
DATED_CHANGES = {
    "https-en-hsts": (
        "Dated change, not a conflict: verplicht (pas toe of leg uit) on the Forum list of 2022-06-24 (FS-2022); "
        "wettelijk verplicht for publicly accessible websites and web applications of bestuursorganen by the "
        "Besluit beveiligde verbinding met overheidswebsites en -webapplicaties of 11 May 2023 (Stb. 2023, 179, "
        "art. 2, under art. 3 Wet digitale overheid; FS-2026). Its entry into force on 2023-07-01 is found in "
        "secondary sources only."
    ),
    "nl-gov-profile-for-cloudevents": (
        "Dated change, not a conflict: \"geen\" in FS-GDI (2025-06-30); verplicht per FS-BIO (\"verplicht sinds "
        "november 2025\") and FS-LS, both secondary. On 2026-12-03 the only primary source found was the Forum's "
        "advice of 24 September 2025 to OBDO to make it verplicht; no OBDO decision and no status page were found, "
        "so the status rests on secondary sources only."
    ),
}
# Sources that disagree without a dated change between them (status not enforced).
CONFLICTS: dict[str, str] = {
    "stuf": (
        "FS-GDI (2025-06-30) says aanbevolen; the Forum's own StUF page, in a stored copy without a date, says "
        "\"Verplicht (pas toe leg uit)\" (FS-2026). Re-read the live page to settle it."
    ),
}

# Standards that are not in the reference but whose status was read on 2026-12-03 (FS-2026).
NEW_STANDARDS = {
    "rdfa": {"name": "RDFa"},
    "klantinteracties-api-standaard": {
        "name": "Klantinteracties API-standaard",
        "aliases": ["Klantinteracties API", "Contactgegevens API"],
        "note": "VNG's Klantinteracties API (with the Contactgegevens API) takes over from the Klanten API and the "
                "Contactmomenten API, whose pages at vng-realisatie.github.io/gemma-zaken say \"Deze API is niet "
                "meer in gebruik\". GEMMA's release of 2026-06-30 has no object for it, so it has no Object ID; it "
                "is on no Forum Standaardisatie list.",
    },
}
# Notes on standards that newer ones replace, with their primary source.
SUPERSEDED = {
    "klanten-api-standaard": "https://vng-realisatie.github.io/gemma-zaken/standaard/klanten/ says \"Deze API is "
                             "niet meer in gebruik\" (read 2026-12-03); see klantinteracties-api-standaard.",
    "contactmomenten-api-standaard": "https://vng-realisatie.github.io/gemma-zaken/standaard/contactmomenten says "
                                     "\"Deze API is niet meer in gebruik\" (read 2026-12-03); see "
                                     "klantinteracties-api-standaard.",
}

# The Forum list has several entries sharing the slug `geo-standaarden`: the family itself
# ("Geo-standaarden") and the standards it groups. Members get a slug of their own name.
GEO_FAMILY_NAME = "Geo-standaarden"
GEO_EXTRA_MEMBERS = {
    # Forum entries with their own slug that carry exactly the family's functioneel toepassingsgebied
    # ("Geo-standaarden moeten worden toegepast ...", FS-GDI); GeoPackage is also named in the
    # family's gemma_standards. Judgement: they are members of the family.
    "geopackage": "same functioneel toepassingsgebied as Geo-standaarden (FS-GDI); named in its gemma_standards",
    "gml": "same functioneel toepassingsgebied as Geo-standaarden (FS-GDI)",
}

# A GEMMA standard named by several Forum entries' gemma_standards becomes an alias of the most
# specific one (the member, not the family). Alias clash resolution; the script asserts that this
# table covers exactly the names claimed more than once.
MULTI_CLAIM_RESOLUTION = {
    "SAML": ("saml", "Forum entry SAML is more specific than the combined Authenticatie-standaarden entry; "
                     "saml is made a member of that entry so naming it still satisfies it"),
    "Digikoppeling WUS": ("digikoppeling-koppelvlakstandaard-wus", "profile entry, member of the digikoppeling family"),
    "Digikoppeling ebMS": ("digikoppeling-koppelvlakstandaard-ebms2", "profile entry, member of the digikoppeling family"),
    "Digikoppeling Grote Berichten": ("digikoppeling-koppelvlakstandaard-grote-berichten",
                                      "profile entry, member of the digikoppeling family"),
    "NEN 3610": ("nen-3610", "member entry of geo-standaarden"),
    "NL metadata profiel voor geografie": ("nl-iso-19115", "member entry of geo-standaarden"),
    "NL metadata profiel voor services": ("nl-iso-19119", "member entry of geo-standaarden"),
    "WFS NL profiel": ("nl-wfs", "member entry of geo-standaarden"),
    "WMS NL profiel": ("nl-wms", "member entry of geo-standaarden"),
    "GeoPackage": ("geopackage", "member entry of geo-standaarden"),
}

# GEMMA afkortingen that are not used as aliases. Alias clash resolution / doubtful data.
DROPPED_AFKORTINGEN = {
    # Both "StUF WOZ" and "StUF WOZ LV koppelvlak" carry afkorting "StUF WOZ": the alias stays with
    # the standard whose NAME is "StUF WOZ".
    ("StUF WOZ LV koppelvlak", "StUF WOZ"): "clash: afkorting equals the name of the GEMMA standard StUF WOZ",
    # The afkorting of this information model is the name of an organisation: doubtful data.
    ("Informatiemodel berichtenverkeer Digitale Bereikbaarheidskaart", "Geonovum"):
        "doubtful: afkorting is an organisation name (Geonovum), not a name of the standard",
}

# GEMMA `Beheerder` values that name no organisation: not emitted as `beheerder` (doubtful data).
DROPPED_BEHEERDERS = {
    "GBI???": "placeholder with question marks in the GEMMA model",
    "Geen": "means \"none\", not an organisation",
    "Onbekend, was Lost Lemon": "means \"unknown\" (formerly Lost Lemon)",
}

# Ids of catalogue entries made from GEMMA standards where the brief asks for a shorter id than
# the slug of the GEMMA name.
GEMMA_ID_OVERRIDES = {
    "Verwerkingenlogging API-standaard": "verwerkingenlogging",
    "iWmo voor gemeenten": "iwmo",
    "iJw voor gemeenten": "ijw",
}

# Families. `members_from` says where the members come from (all read; the choice of source is
# the judgement).
FAMILIES = {
    "zgw-apis": {
        "name": "ZGW API's",
        "basis": "members: GEMMA grouping \"Zaakgericht werken API-standaarden\" (equals the reference "
                 "interface_standards list \"ZGW API's (API's voor Zaakgericht Werken)\")",
        "gemma_group": "Zaakgericht werken API-standaarden",
        "interface_standard": "ZGW API's (API's voor Zaakgericht Werken)",
    },
    "haal-centraal": {
        "name": "Haal Centraal API's",
        "basis": "members: GEMMA grouping \"Haal Centraal API-standaarden\" (8). The reference interface_standards "
                 "list adds \"BAG Individuele Bevragingen API-standaard\", which GEMMA does not group there: "
                 "left out (judgement: GEMMA is the primary source)",
        "gemma_group": "Haal Centraal API-standaarden",
        "interface_standard": "Haal Centraal API's",
    },
    "digikoppeling": {
        "basis": "members: the four Forum entries \"Digikoppeling Koppelvlakstandaard ...\" (FS-GDI)",
        "members": [
            "digikoppeling-koppelvlakstandaard-ebms2",
            "digikoppeling-koppelvlakstandaard-grote-berichten",
            "digikoppeling-koppelvlakstandaard-rest-api",
            "digikoppeling-koppelvlakstandaard-wus",
        ],
    },
    "stuf": {
        "basis": "members: the GEMMA standards listed under the reference interface_standards entry \"StUF "
                 "(Standaard Uitwisseling Formaat) familie\", except \"StUF onderlaag\", which is the Forum entry "
                 "itself (its gemma_standards) and so an alias of stuf. GEMMA's broader grouping \"StUF familie\" "
                 "(which also holds iWmo, iJw, RSGB and many more) was not used",
        "interface_standard": "StUF (Standaard Uitwisseling Formaat) familie",
    },
    "geo-standaarden": {
        "basis": "members: the Forum entries that share the page /open-standaarden/Geo-standaarden (NEN 3610, NL ISO "
                 "19115, NL ISO 19119, NL WFS, NL WMS) plus GeoPackage and GML, which carry the family's "
                 "functioneel toepassingsgebied (FS-GDI)",
    },
    "authenticatie-standaarden-openid-nlgov-en-saml": {
        "basis": "judgement: the Forum standard is the combination \"OpenID.NLGov en SAML\" (its name; FS-BIO: "
                 "\"gecombineerde verplichte standaard sinds september 2023\"); the catalogue has an entry for SAML "
                 "(the GEMMA standards SAML and DigiD SAML koppelvlak), which is its member; OpenID.NLGov has no "
                 "entry and is an alias",
        "members": ["saml"],
    },
}

# Extra aliases (common short names). Each from text read in the reference, or named in the brief.
EXTRA_ALIASES = {
    "https-en-hsts": (["HTTPS", "HSTS"], "the two parts of the Forum name \"HTTPS en HSTS\""),
    "pdf-en-iso": (["pdf-a", "PDF (NEN-ISO)"], "a common short name; reference interface_standards name "
                                               "\"PDF/A (PDF (NEN-ISO))\""),
    "openapi-specification": (["OAS", "OAS 3", "OpenAPI"], "reference interface_standards name \"OpenAPI "
                                                           "Specification (OAS 3)\"; reference SOURCES.md \"OAS\""),
    "rest-api-design-rules": (["ADR", "NL GOV REST-API Design Rules"], "reference interface_standards name \"NL GOV "
                                                                       "REST-API Design Rules (ADR)\""),
    "nl-gov-assurance-profile-for-oauth-2-0": (["OAuth NL"], "reference SOURCES.md (\"OAuth NL\")"),
    "nl-gov-profile-for-cloudevents": (["CloudEvents"], "reference SOURCES.md and FS-LS note (\"CloudEvents v1.0\")"),
    "fsc": (["Federatieve Service Connectiviteit"], "reference interface_standards name \"FSC (Federatieve Service "
                                                    "Connectiviteit)\""),
    "zgw-apis": (["ZGW API's", "ZGW APIs", "API's voor Zaakgericht Werken", "zgw"],
                 "reference interface_standards name and SOURCES.md (\"ZGW APIs\")"),
    "haal-centraal": (["Haal Centraal API's", "Haal Centraal"], "reference interface_standards name"),
    "stuf": (["Standaard Uitwisseling Formaat"], "reference interface_standards name \"StUF (Standaard Uitwisseling "
                                                 "Formaat) familie\""),
    "authenticatie-standaarden-openid-nlgov-en-saml": (["OpenID.NLGov", "Authenticatie-standaarden"],
                                                       "parts of the Forum name"),
    "nlcius": (["NL-CIUS"], "spelling in the GEMMA name \"EN16931 / NL-CIUS (e-Factureren)\""),
    "ipv6": (["IPv6 en IPv4"], "the Forum's own name (FS-2026)"),
}

# Names people use for GEMMA components that GEMMA itself does not give them, for "did you mean"
# and `gemmalint gemma`. Abbreviations written in GEMMA's own names ("GGK - ..."), the initials of
# a name and the basisregistraties' codes are derived by gemmalint itself; these are the rest.
# Each: alias -> (GEMMA component names, basis).
DSO_BASIS = (
    "the Omgevingsloket of the Digitaal Stelsel Omgevingswet (its landelijke voorziening, DSO-LV) replaced OLO on "
    "2024-01-01 (Infomil; Kamerstuk 33118, 17 April 2024; read 2026-12-03); GEMMA's release of 2026-06-30 has no "
    "DSO component and still names OLO for the national Omgevingsloket, so an application for the Omgevingsloket "
    "realises that element until GEMMA renames it"
)
BROKER_BASIS = ("curated: a gegevensmakelaar (StUF broker, servicebus) integrates the municipality's systems and "
                "distributes its basis data; GEMMA model: the Gemeentelijke servicebuscomponent is \"Component voor het "
                "integreren van gemeentelijke systemen met ondersteuning voor overheids- en gemeentelijke standaarden, "
                "zoals StUF, Digikoppeling, etc.\", the Gegevensdistributiecomponent \"Component voor distributie van "
                "gemeentelijke basis-, en optioneel, kerngegevens naar afnemende applicaties binnen de gemeente.\"")

GEMMA_NAME_ALIASES = {
    "e-Depot": (["e-Depotvoorziening", "Archiefbeheercomponent"],
                "GEMMA model: the e-Depotvoorziening (Overig) \"is de door de zorgdrager gevraagde applicatie of dienst "
                "met ondersteuning voor alle benodigde applicatiefuncties\"; the Archiefbeheercomponent's application "
                "services include \"In bewaring nemen van informatieobjecten\""),
    "DSO-LV": (["OLO - OmgevingsLoket Online"], DSO_BASIS),
    "DSO": (["OLO - OmgevingsLoket Online"], DSO_BASIS),
    "Omgevingsloket": (["OLO - OmgevingsLoket Online"], DSO_BASIS),
    "GIS": (["Geo-gegevens analysecomponent", "Geo-gegevens inwincomponent"],
            "curated: a GIS (geografisch informatiesysteem) captures and analyses geo-data; GEMMA has no component "
            "by that name"),
    "Website": (["Webcontentpublicatie- en beheercomponent"],
                "curated: a municipality's website is published and managed with the component GEMMA calls the "
                "Webcontentpublicatie- en beheercomponent"),
    "CMS": (["Webcontentpublicatie- en beheercomponent"], "curated: a web content management system, as Website"),
    "KCC": (["Callcentercomponent", "Relatiebeheercomponent (CRM)", "Klantgeleidingcomponent"],
            "curated: a Klant Contact Centrum works with telephony (Callcentercomponent), customer records "
            "(Relatiebeheercomponent) and queueing (Klantgeleidingcomponent); GEMMA has no component by that name"),
    "Haal Centraal": (["GBA-V (Verstrekkingsvoorziening)"],
                      "curated: the Haal Centraal BRP APIs (BRP bevragen, by RvIG) are served from the BRP's "
                      "verstrekkingsvoorziening; for BAG, BRK or WOZ through Haal Centraal, use that registration's "
                      "landelijke voorziening"),
    "Berichtenbox": (["MijnOverheid.nl", "Antwoord voor Bedrijven (en berichtenbox)"],
                     "GEMMA model: the application services of MijnOverheid.nl include \"Berichtuitwisseling "
                     "berichtenbox burger\", those of Antwoord voor Bedrijven (en berichtenbox) \"Berichtuitwisseling "
                     "berichtenbox bedrijven\""),
    "Gegevensmakelaar": (["Gemeentelijke servicebuscomponent", "Gegevensdistributiecomponent"], BROKER_BASIS),
    "StUF-broker": (["Gemeentelijke servicebuscomponent", "Gegevensdistributiecomponent"], BROKER_BASIS),
    "Servicebus": (["Gemeentelijke servicebuscomponent"], BROKER_BASIS),
    "NRC": (["Notificatierouteringcomponent"],
            "curated: NRC is the abbreviation of the Notificatierouteringcomponent in VNG Realisatie's ZGW API "
            "documentation (beside ZRC, DRC, ZTC); GEMMA model: \"Component voor ontvangen van notificaties van "
            "bronsystemen en het routeren daarvan naar geabonneerde afnemers\""),
    "DMS": (["Documentbeheercomponent"],
            "curated: a DMS (document management systeem) is GEMMA's Documentbeheercomponent, as the "
            "archiving-by-design card says"),
}

# Mandated standards whose transport is not REST (for the rest-api rule).
PERMITS_NON_REST = {
    "digikoppeling-koppelvlakstandaard-ebms2": (
        "Digikoppeling profile ebMS2, not REST: read from FS-GDI and FS-BIO (reference interface_standards "
        "\"Digikoppeling\": transport profiles WUS (SOAP), ebMS2, REST-API profiel, Grote Berichten)"
    ),
    "digikoppeling-koppelvlakstandaard-wus": (
        "Digikoppeling profile WUS (SOAP), not REST: read from FS-GDI and FS-BIO (reference interface_standards "
        "\"Digikoppeling\": transport profiles WUS (SOAP), ebMS2, REST-API profiel, Grote Berichten)"
    ),
    "iwmo": (
        "iStandaard, XML berichten (not REST): reference interface_standards \"iWmo / iJw (iStandaarden)\" has type "
        "\"XML berichten via GGK\", basis \"read: GEMMA description (berichtenverkeer via GGK)\"; GEMMA also groups "
        "it in \"StUF familie\" (XML)"
    ),
    "ijw": (
        "iStandaard, XML berichten (not REST): reference interface_standards \"iWmo / iJw (iStandaarden)\" has type "
        "\"XML berichten via GGK\", basis \"read: GEMMA description (berichtenverkeer via GGK)\"; GEMMA also groups "
        "it in \"StUF familie\" (XML)"
    ),
}
# StUF (verplicht, pas toe of leg uit) and the sectormodels and koppelvlakken built on it: XML
# messages over SOAP (or Digikoppeling, or a file), never REST.
STUF_BASIS = (
    "StUF family, SOAP/XML messages (not REST): reference interface_standards \"StUF (Standaard Uitwisseling "
    "Formaat) familie\" has type \"SOAP/XML berichten\", basis \"read: GEMMA \"StUF protocolbindingen\" (WSDL 1.1 + "
    "SOAP 1.1 over http(s), Digikoppeling, or file transfer)\""
)
for _sid in ["stuf", "stuf-bag", "stuf-bg", "stuf-ef", "stuf-geo-imgeo", "stuf-hr", "stuf-jeugdzorg",
             "stuf-kadastrale-mutatieservices", "stuf-kinderopvang", "stuf-koppelvlak-geo-bag", "stuf-lvo",
             "stuf-participatieladder", "stuf-protocolbindingen", "stuf-riha", "stuf-tax", "stuf-wkpb", "stuf-woz",
             "stuf-woz-lv-koppelvlak", "stuf-zkn", "stuf-ztc"]:
    PERMITS_NON_REST[_sid] = STUF_BASIS


# The first enforced set (DESIGN.md "The standards catalogue and selectors").
PUBLIC_APP = {"kind": "application", "where": {"public_facing": True}}
PDF_COMPONENTS = ["Archiefbeheercomponent", "Archiefregistratiecomponent", "Documentbeheercomponent",
                  "Documentcreatiecomponent", "Outputmanagementcomponent"]
APPLIES_TO = {
    "https-en-hsts": PUBLIC_APP,
    "dnssec": PUBLIC_APP,
    "ipv6": PUBLIC_APP,
    "tls": PUBLIC_APP,
    # "alle systemen die via HTTPS publiek benaderbaar zijn" (functioneel toepassingsgebied, FS-2026)
    "security-txt": PUBLIC_APP,
    # No applies_to for "authenticatie-standaarden-openid-nlgov-en-saml": its functioneel
    # toepassingsgebied (forumstandaardisatie.nl/open-standaarden/authenticatie-standaarden, read
    # 2026-12-04) addresses "aanbieders van identitydiensten, onder wie identity providers en
    # identity brokers/gateways, op hun externe koppelvlak aan serviceproviders (d.w.z. overheden
    # met digitale diensten)": a municipality's application that logs residents in with DigiD is
    # the service provider, not the addressee. It is checked only where a model names it.
    "openapi-specification": {"kind": "interface", "where": {"style": "rest"}},
    "rest-api-design-rules": {"kind": "interface", "where": {"style": "rest", "network": ["internet", "diginetwerk"]}},
    # "moet worden toegepast bij applicaties waarbij gebruikers of 'resource owners' impliciet of
    # expliciet toestemming geven aan een dienst van een derde om namens deze toegang te krijgen
    # tot gegevens via een REST API waarvoor ze recht van toegang hebben" (functioneel
    # toepassingsgebied, forumstandaardisatie.nl/open-standaarden/nl-gov-assurance-profile-oauth-20,
    # read 2026-12-04): REST interfaces that declare such delegated access, not every REST API.
    "nl-gov-assurance-profile-for-oauth-2-0": {
        "kind": "interface", "where": {"style": "rest", "delegated_access": True}},
    "digikoppeling": {"kind": "interface", "where": {"network": "diginetwerk"}},
    # Events only: CloudEvents describes event notifications ("gebeurtenissen"); StUF or ebMS
    # messaging is not an event and is not replaced by it.
    "nl-gov-profile-for-cloudevents": {"kind": "interface", "where": {"style": "events"}},
    # The components GEMMA's own model links PDF/A to (their `standards`, release 2026-06-30):
    # those that create, manage, send and archive documents. The Forum's functioneel
    # toepassingsgebied is "de uitwisseling en publicatie van niet- of beperkt reviseerbare
    # documenten"; until 2026-12-04 every application with `archiving.records: true` was
    # selected, which asked PDF of a financial system's or a BAG-beheer's structured records.
    "pdf-en-iso": {"kind": "application", "where": {"realises": PDF_COMPONENTS}},
    "odf": {"kind": "application", "where": {"realises": ["Documentcreatiecomponent", "Kantoorautomatiseringcomponent"]}},
    "nlcius": {"kind": "application", "where": {"realises": "Financieel component"}},
}

# Basisregistraties: whether the municipality is a bronhouder, from the reference `bronhouders`
# text (asserted: true exactly when the text names "gemeenten").
MUNICIPALITY_IS_BRONHOUDER = {
    "BRP": True, "BAG": True, "BGT": True, "BRK": True, "BRO": True, "WOZ": True,
    "BRT": False, "HR": False, "BRV": False, "BRI": False,
}
# Reference gemma_referentiecomponenten that are NOT components a municipality uses as bronhouder.
NOT_BRONHOUDER_COMPONENTS = {
    ("HR", "Bedrijven- en instellingen-registratiecomponent"):
        "the municipality is not bronhouder of the HR (KVK is); GEMMA describes the component as a local register "
        "\"conform LISA\"",
    ("WOZ", "WOZ-voormeldingcomponent"):
        "GEMMA describes it as web access for residents to WOZ data with a way to respond, not the registration",
}
# Reference aliases of basisregistraties carry annotations in parentheses ("GBKN (voorloper)",
# "AIG (authentieke inkomensgegevens)"): the alias is the part before the parenthesis (judgement:
# the annotation explains the alias, it is not part of it).
ALIAS_ANNOTATION = re.compile(r"^(.*?)\s+\(([^()]*)\)$")

# The GEMMA grouping that marks a voorziening as the national facility of a basisregistratie.
NATIONAL_FACILITY_GROUP = "Basisregistraties"

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")

# Reference data that looks doubtful; kept as read unless a judgement above drops it.
DOUBTFUL = [
    "Bedrijfsobjecten Wijk and Buurt (one of each two) are BAG per their Bron property (IMBAG); wijk and buurt are "
    "not among the BAG object types (general knowledge, not read in a source). The other Wijk and Buurt have no basisregistratie.",
    "Bedrijfsobject Partij is BRP per its Bron property.",
    "The two Nummeraanduiding objects are BAG by inference although their Bron says \"Door KING toegevoegd "
    "objecttype (maakt geen deel uit van enige basisregistratie).\"",
    "iWmo and iJw: the reference reads \"berichtenverkeer via GGK\" from the GEMMA description, but the stored "
    "description (its first sentence only) does not show it; GEMMA groups both in \"StUF familie\".",
    "GEMMA Beheerder values \"GBI???\", \"Geen\" and \"Onbekend, was Lost Lemon\"; afkorting \"Geonovum\" of an "
    "information model; afkorting \"StUF WOZ\" on two standards.",
    "GEMMA \"Referentielijsten en Selectielijst  API-standaard\" has a double space in its name.",
    "The Forum entry \"Digimelding / Terugmelding\" (geen, FS-LS) and the GEMMA standard \"Digimelding\" "
    "(afkorting DMKS) are probably the same standard, but the reference does not link them: two entries "
    "(`digimelding-terugmelding`, `digimelding`).",
    "\"BAG Individuele Bevragingen API-standaard\" is listed as Haal Centraal in the reference interface_standards "
    "but not in GEMMA's Haal Centraal grouping.",
    "The HR links the referentiecomponent \"Bedrijven- en instellingen-registratiecomponent\" although the "
    "municipality is not bronhouder of the HR.",
    "BRK: municipality_is_bronhouder is true because gemeenten are bronhouder of BRK-PB; the objects listed "
    "(KadastraalPerceel, ...) are Kadaster's.",
]

# Filled while building, reported in SOURCES.md.
NOT_NATIONAL_FACILITIES: list[tuple[str, str]] = []
EBMS_GEMMA_IDS: list[str] = []


# --------------------------------------------------------------------------------------------
# YAML output
# --------------------------------------------------------------------------------------------

class FlowMap(dict):
    """A mapping emitted in flow style (selectors)."""


class Dumper(yaml.SafeDumper):
    pass


# Strings that YAML 1.2 (core schema) would read as non-strings but PyYAML (YAML 1.1) would not
# quote on its own: 1.2 floats without a dot (1e5), octal 0o17.
_YAML12_NONSTR = re.compile(r"^([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+"
                            r"|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)|~|null|Null|NULL|true|True|TRUE|false|False|FALSE"
                            r"|y|Y|n|N|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$")


def _repr_str(dumper, value):
    if _YAML12_NONSTR.match(value) or value == "":
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="'")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _is_scalar(v):
    return isinstance(v, (str, int, float, bool)) or v is None


def _repr_list(dumper, value):
    flow = all(_is_scalar(v) for v in value)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=flow)


def _repr_dict(dumper, value):
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=False)


def _repr_flowmap(dumper, value):
    return dumper.represent_mapping("tag:yaml.org,2002:map", value.items(), flow_style=True)


Dumper.add_representer(str, _repr_str)
Dumper.add_representer(list, _repr_list)
Dumper.add_representer(dict, _repr_dict)
Dumper.add_representer(FlowMap, _repr_flowmap)


def to_flow(sel):
    return FlowMap((k, to_flow(v) if isinstance(v, dict) else v) for k, v in sel.items())


def dump(header_lines, data):
    body = yaml.dump(data, Dumper=Dumper, sort_keys=False, allow_unicode=True, width=120,
                     default_flow_style=False)
    head = "".join(("# " + line).rstrip() + "\n" for line in header_lines)
    return head + body


def header(what, source_line, extra=()):
    return [
        f"gemmalint reference model: {what}",
        f"Source: {source_line}",
        *extra,
        f"Extracted on: {EXTRACTED_ON}",
        f"Generated by {GENERATED_BY} from shared/reference. Do not edit by hand: change the script or the",
        "reference data and run the script again.",
        f"Licence: {LICENCE}, like the GEMMA source. {LICENCE_NOTE}",
        "",
    ]


def gemma_source(notes, name=GEMMA_NAME, **extra):
    src = {
        "name": name,
        "repository": GEMMA_REPO,
        "commit": GEMMA_COMMIT,
        "release": GEMMA_RELEASE,
        "extracted_on": EXTRACTED_ON,
        "licence": LICENCE,
        "generated_by": f"{GENERATED_BY} (do not edit by hand)",
    }
    src.update(extra)
    src["notes"] = notes
    return src


GEMMA_SOURCE_LINE = (f"{GEMMA_REPO} @ {GEMMA_COMMIT} (GEMMA Kernmodel, release {GEMMA_RELEASE}), "
                     "via shared/reference/")


# --------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------

def slugify(text):
    t = unicodedata.normalize("NFKD", text)
    t = "".join(c for c in t if not unicodedata.combining(c)).lower()
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    assert ID_RE.match(t), (text, t)
    return t


def name_key(item):
    return (item["name"].casefold(), item["name"], item.get("object_id", ""))


def load(ref, fname):
    with open(os.path.join(ref, fname), encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def check_meta(meta, fname):
    """The GEMMA-derived reference files must come from the commit this script names."""
    assert meta.get("source_commit") == GEMMA_COMMIT, (fname, meta.get("source_commit"))
    assert str(meta.get("source_model_release")) == GEMMA_RELEASE, fname
    assert str(meta.get("extracted_on")) == EXTRACTED_ON, fname


# --------------------------------------------------------------------------------------------
# 1. components
# --------------------------------------------------------------------------------------------

def build_components(ref):
    data = load(ref, "components.yaml")
    check_meta(data["meta"], "components.yaml")
    out = []
    parts = [
        ("referentiecomponenten", "referentiecomponent"),
        ("buitengemeentelijke_voorzieningen", "buitengemeentelijke-voorziening"),
        ("other_application_components", "overig"),
    ]
    counts = {}
    for key, typ in parts:
        counts[typ] = len(data[key])
        for c in data[key]:
            oid = c["object_id"].lower()
            assert re.match(r"^[0-9a-f-]{36}$", oid), c
            item = {"name": c["name"], "object_id": oid, "type": typ}
            if c.get("status"):
                item["status"] = c["status"]
            if c.get("gemma_url"):
                item["url"] = c["gemma_url"]
            out.append(item)
    assert counts == {"referentiecomponent": 171, "buitengemeentelijke-voorziening": 56, "overig": 42}, counts
    assert len({c["object_id"] for c in out}) == len(out)
    out.sort(key=name_key)
    notes = (
        "All ApplicationComponent elements of the model: the 171 referentiecomponenten (GEMMA type "
        "Referentiecomponent), the 56 buitengemeentelijke voorzieningen (GEMMA type Buitengemeentelijke voorziening) "
        "and the 42 other application components (type overig: illustrative or abstract elements such as API Gateway, "
        "Zaakafhandelcomponent and the BBN legend; not normative). Complete for this model release. status is the "
        "GEMMA status verbatim (absent for the overig components and for one voorziening, Mijn PGB portaal). url is "
        "the GEMMA Online page, built as https://www.gemmaonline.nl/index.php/GEMMA/id-<object_id> (pattern read "
        "from the model, not checked per component); the overig components have none. The model has no "
        "\"use instead\" link from a non-normative component to a normative one."
    )
    doc = {"source": gemma_source(notes), "components": out}
    hdr = header("GEMMA referentiecomponenten, buitengemeentelijke voorzieningen and other application components.",
                 GEMMA_SOURCE_LINE + "components.yaml")
    return dump(hdr, doc), out


# --------------------------------------------------------------------------------------------
# 2. business functions
# --------------------------------------------------------------------------------------------

def build_functions(ref):
    data = load(ref, "bedrijfsfuncties.yaml")
    check_meta(data["meta"], "bedrijfsfuncties.yaml")
    src = data["bedrijfsfuncties"]
    ids = {f["object_id"].lower() for f in src}
    assert len(ids) == len(src) == 304
    out = []
    links = 0
    for f in src:
        item = {"name": f["name"], "object_id": f["object_id"].lower()}
        if f.get("gemma_type"):
            item["gemma_type"] = f["gemma_type"]
        parents = sorted({p["object_id"].lower() for p in (f.get("parents") or [])})
        for p in parents:
            assert p in ids, (f["name"], p)
        links += len(parents)
        if parents:
            item["parents"] = parents
        item["url"] = f["gemma_url"]
        out.append(item)
    assert links == 302, links
    out.sort(key=name_key)
    notes = (
        "All 304 BusinessFunction elements of the model with their 302 parent links (Aggregation/Composition "
        "between business functions; 7 functions have more than one parent, all listed). 15 roots: the 7 layers "
        "(gemma_type Bedrijfsfunctie laag) and 8 loose functions without a parent in the model. About 233 "
        "sub-functions carry no gemma_type. Complete for this model release. url is the GEMMA Online page."
    )
    doc = {"source": gemma_source(notes), "business_functions": out}
    hdr = header("GEMMA bedrijfsfuncties with their parents.", GEMMA_SOURCE_LINE + "bedrijfsfuncties.yaml")
    return dump(hdr, doc), out


# --------------------------------------------------------------------------------------------
# 3. business objects
# --------------------------------------------------------------------------------------------

def build_objects(ref):
    data = load(ref, "gegevensobjecten.yaml")
    check_meta(data["meta"], "gegevensobjecten.yaml")
    src = data["bedrijfsobjecten"]
    assert len(src) == 509
    out = []
    for o in src:
        item = {"name": o["name"], "object_id": o["object_id"].lower()}
        if o.get("basisregistratie"):
            item["basisregistratie"] = o["basisregistratie"]
        if o.get("basisregistratie_basis"):
            item["basisregistratie_basis"] = o["basisregistratie_basis"]
        item["url"] = o["gemma_url"]
        out.append(item)
    assert len({o["object_id"] for o in out}) == 509
    out.sort(key=name_key)
    n_reg = sum(1 for o in out if "basisregistratie" in o)
    notes = (
        "All 509 BusinessObject elements of the model; 503 come from the GGM (Gemeentelijk Gegevensmodel) sync "
        "(GGM export 10-12-2024, maintained in VNG-Realisatie/GEMMA-GGM-Archi-repository). Complete for this model "
        f"release. basisregistratie is set for {n_reg} objects: 26 read from the model property Bron (BAG/IMBAG -> "
        "BAG, BRK -> BRK, NHR -> HR, BRP -> BRP, BRWOZ / Gegevenswoordenboek WOZ -> WOZ) and 7 inferred (see "
        "basisregistratie_basis, verbatim). Absent basisregistratie means NOT DETERMINED, not \"no "
        "basisregistratie\"; 5 objects have a basis saying their Bron excludes every basisregistratie. 32 names "
        "occur more than once (distinct elements with distinct object_ids). url is the GEMMA URL property (503) or "
        "built from the object_id (6)."
    )
    doc = {"source": gemma_source(notes), "business_objects": out}
    hdr = header("GEMMA bedrijfsobjecten with their basisregistratie where known.",
                 GEMMA_SOURCE_LINE + "gegevensobjecten.yaml (GGM sync inside the GEMMA model)")
    return dump(hdr, doc), out


# --------------------------------------------------------------------------------------------
# 4. basisregistraties
# --------------------------------------------------------------------------------------------

def build_basisregistraties(ref, components, objects):
    data = load(ref, "basisregistraties.yaml")
    meta = data["meta"]
    assert str(meta["extracted_on"]) == EXTRACTED_ON
    comp_by_name = {c["name"]: c for c in components}
    obj_names = {o["name"] for o in objects}
    obj_ids = {o["object_id"]: o for o in objects}
    out = []
    regs = [(r, True) for r in data["basisregistraties"]] + [(r, False) for r in data["not_in_stelsel"]]
    assert len(data["basisregistraties"]) == 10
    for r, in_stelsel in regs:
        code = r["code"]
        item = {"code": code, "name": r["name"]}
        if r.get("aliases"):
            aliases = []
            for a in r["aliases"]:
                m = ALIAS_ANNOTATION.match(a)
                aliases.append(m.group(1) if m else a)
            item["aliases"] = aliases
        facilities = []
        for v in r.get("gemma_voorzieningen") or []:
            if NATIONAL_FACILITY_GROUP not in (v.get("groups") or []):
                NOT_NATIONAL_FACILITIES.append((code, v["name"]))
            else:
                c = comp_by_name.get(v["name"])
                assert c and c["type"] == "buitengemeentelijke-voorziening" and c["object_id"] == v["object_id"], v
                facilities.append(v["name"])
        assert facilities, code
        item["national_facilities"] = sorted(facilities, key=str.casefold)
        bron_comps = []
        for v in r.get("gemma_referentiecomponenten") or []:
            c = comp_by_name.get(v["name"])
            assert c and c["type"] == "referentiecomponent" and c["object_id"] == v["object_id"], v
            if (code, v["name"]) in NOT_BRONHOUDER_COMPONENTS:
                continue
            bron_comps.append(v["name"])
        if bron_comps:
            item["bronhouder_components"] = sorted(bron_comps, key=str.casefold)
        if "bronhouders" in r:
            says_gemeenten = "gemeenten" in r["bronhouders"]["value"].lower()
            assert MUNICIPALITY_IS_BRONHOUDER[code] == says_gemeenten, code
            item["municipality_is_bronhouder"] = MUNICIPALITY_IS_BRONHOUDER[code]
            if bron_comps:
                assert item["municipality_is_bronhouder"], code
            item["bronhouders"] = {"value": r["bronhouders"]["value"], "basis": r["bronhouders"]["basis"]}
        if "beheerder_landelijke_voorziening" in r:
            b = r["beheerder_landelijke_voorziening"]
            item["holder"] = {"value": b["value"], "basis": b["basis"]}
        bos = r.get("gemma_bedrijfsobjecten") or []
        for o in bos:
            assert o["name"] in obj_names and obj_ids[o["object_id"]]["name"] == o["name"], o
            assert obj_ids[o["object_id"]].get("basisregistratie") == code, o
        # every object the objects model assigns to this registration is listed, and vice versa
        assert sorted(o["object_id"] for o in bos) == sorted(
            o["object_id"] for o in objects if o.get("basisregistratie") == code), code
        if bos:
            item["business_objects"] = sorted({o["name"] for o in bos}, key=lambda n: (n.casefold(), n))
        item["in_stelsel"] = in_stelsel
        out.append(item)
    assert [o for o in objects if o.get("basisregistratie") and
            o["basisregistratie"] not in {r["code"] for r in out}] == []
    notes = (
        "The 10 basisregistraties of the stelsel (count read from rijksoverheid.nl), plus BLAU (in_stelsel: false; "
        "not realised, doorontwikkeling opgeschort per GEMMA). national_facilities are the GEMMA buitengemeentelijke "
        "voorzieningen in the GEMMA grouping \"Basisregistraties\" linked to the registration. bronhouder_components "
        "are the GEMMA referentiecomponenten linked to it that a municipality uses as bronhouder (two reference "
        "links left out by judgement, see SOURCES.md). municipality_is_bronhouder is read from the bronhouders text. "
        "bronhouders and holder are verbatim with their basis (read / derived / INFERRED). business_objects are the "
        "GEMMA bedrijfsobjecten with this basisregistratie in gemma-bedrijfsobjecten.yaml."
    )
    src = gemma_source(notes, name="Basisregistraties (stelsel van basisregistraties)",
                       sources=[str(s) for s in meta["sources"]])
    doc = {"source": src, "basisregistraties": out}
    hdr = header("the basisregistraties, their national facilities, bronhouders and business objects.",
                 GEMMA_SOURCE_LINE + "basisregistraties.yaml",
                 extra=["  and: Gebruikersonderzoek Basisregistraties 2020, Bijlage 1 Desk Study (1 mei 2020),",
                        "  https://5dok.net/document/zpnxomko-gebruikersonderzoek-basisregistraties.html (BRP section);",
                        "  and: https://www.rijksoverheid.nl/onderwerpen/digitale-overheid/10-basisregistraties-in-1-stelsel"])
    return dump(hdr, doc), out


# --------------------------------------------------------------------------------------------
# 5. standards catalogue
# --------------------------------------------------------------------------------------------

def github_url(repo, commit, path):
    path = path.split(" ")[0].rstrip("/")
    if path.endswith("..."):
        path = path[:-3].rstrip("/")
    kind = "tree" if "." not in os.path.basename(path) else "blob"
    return f"https://github.com/{repo}/{kind}/{commit}/{path}"


def iso_date_or_none(text):
    text = str(text)
    return text if re.match(r"^\d{4}-\d{2}-\d{2}$", text) else None


def status_source(read):
    """Where a status read on 2026-12-03 comes from: the page, what kind it is, when the decision was taken
    (where the page shows it) and the verbatim words."""
    out = {"url": read["source_url"], "kind": read["source_kind"], "read_on": str(read.get("read_on", "2026-12-03"))[:10]}
    decided = read.get("decision_date") or read.get("besluit_date")
    out["decided"] = str(decided) if decided else None
    if read.get("decision_date_basis"):
        out["decided_basis"] = read["decision_date_basis"]
    # A date read on another primary page than the status (a decision or news page) says where.
    if decided and read.get("decision_date_url"):
        out["decided_url"] = read["decision_date_url"]
        out["decided_quote"] = read["decision_date_quote"]
    out["quote"] = read["quote"]
    return out


def merge_second_reading(first, second):
    """Folds the reading of 2026-12-04 into that of 2026-12-03: a status only the second confirms takes
    its source; where the first confirmed it, what the second found about the decision date fills
    `decided_basis`; where neither confirms it, the second search becomes a note. Returns the notes."""
    notes = {}
    for read in second:
        sid = read["id"]
        earlier = first.get(sid)
        if read["confirmed"] and read["status"] != "unknown" and not (earlier and earlier["confirmed"]):
            first[sid] = read
        elif earlier and earlier["confirmed"]:
            assert read["status"] in (earlier["status"], "unknown"), (sid, read["status"], earlier["status"])
            undated = not (earlier.get("decision_date") or earlier.get("besluit_date"))
            if undated and read.get("decision_date"):
                # A later reading found the decision's date on a primary page, in its own words.
                assert read.get("decision_date_url") and read.get("decision_date_quote"), sid
                first[sid] = {**earlier, **{k: read[k] for k in
                                            ("decision_date", "decision_date_url", "decision_date_quote")}}
            elif undated and read.get("decision_date_basis"):
                basis = f"Searched again on 2026-12-04: {read['decision_date_basis']}"
                if earlier.get("decision_date_basis"):
                    basis = f"{earlier['decision_date_basis']} {basis}"
                first[sid] = {**earlier, "decision_date_basis": basis}
        else:
            notes[sid] = unconfirmed_note(read, "Searched again on 2026-12-04, not confirmed on a primary page")
    return notes


def unconfirmed_note(read, opening="Not confirmed on a primary page on 2026-12-03"):
    """What a search of primary sources found for a status it could not confirm."""
    text = opening
    if read.get("notes"):
        text += f": {read['notes']}"
    tried = read.get("queries_tried") or []
    if tried:
        text += " Searched: " + "; ".join(str(q) for q in tried) + "."
    return text


def build_standards(ref):
    data = load(ref, "standards.yaml")
    meta = data["meta"]
    assert str(meta["extracted_on"]) == EXTRACTED_ON
    forum = data["forum_standaardisatie"]
    gemma = {g["name"]: g for g in data["gemma_standaarden"]}
    assert len(gemma) == 200 and len(forum) == 126
    iface = {i["name"]: i for i in data["interface_standards"]}

    # ---- sources
    sources = {}
    for key, s in meta["sources"].items():
        kind, _ = SOURCE_KIND[key]
        entry = {"what": s["what"]}
        if s.get("repo"):
            entry["repository"] = s["repo"]
            entry["commit"] = s["commit"]
            entry["url"] = github_url(s["repo"], s["commit"], s["path"])
        else:
            entry["url"] = s["url"]
        entry["date"] = iso_date_or_none(s["date"])
        entry["kind"] = kind
        sources[key] = entry
    sources["FS-2026"] = dict(FS_2026_SOURCE)
    source_dates = {k: v["date"] for k, v in sources.items()}
    with open(FS_2026_FILE, encoding="utf-8") as fh:
        fs26_doc = yaml.safe_load(fh)
    fs26 = {x["id"]: x for x in fs26_doc["statuses"]}
    fs26_new = {x.get("proposed_id") or x.get("id"): x for x in fs26_doc["not_in_catalogue_or_watch"]}
    with open(FS_2026_SECOND_FILE, encoding="utf-8") as fh:
        second_notes = merge_second_reading(fs26, yaml.safe_load(fh)["statuses"])

    entries: dict[str, dict] = {}

    def new_entry(sid, name):
        assert ID_RE.match(sid), sid
        assert sid not in entries, sid
        e = {"id": sid, "name": name, "aliases": [], "_sbs": [], "_basis": None}
        entries[sid] = e
        return e

    # ---- Forum entries
    geo_members = []
    forum_by_id = {}
    for f in forum:
        sid = f["slug"]
        if f["slug"] == "geo-standaarden" and f["name"] != GEO_FAMILY_NAME:
            sid = slugify(f["name"])
            geo_members.append(sid)
        e = new_entry(sid, f["name"])
        forum_by_id[sid] = f
        if slugify(f["name"]) != sid:
            e["aliases"].append(f["name"])
        e["_forum_status"] = STATUS_MAP[f["status"]]
        e["_sbs"] = [{k: x[k] for k in ("source", "status", "note") if k in x}
                     for x in (f.get("statuses_by_source") or [])]
        e["_beslisboom"] = f.get("in_forum_beslisboom")
        if f.get("verify"):
            e["_notes"] = [f["verify"]]
        if f.get("url"):
            e["url"] = f["url"]
        if f.get("beheerorganisatie"):
            e["beheerder"] = f["beheerorganisatie"].rstrip(".")
    assert sorted(geo_members) == ["nen-3610", "nl-iso-19115", "nl-iso-19119", "nl-wfs", "nl-wms"], geo_members
    geo_text = forum_by_id["geo-standaarden"]["functioneel_toepassingsgebied"]
    same_text = sorted(sid for sid, f in forum_by_id.items()
                       if f.get("functioneel_toepassingsgebied") == geo_text and f["slug"] != "geo-standaarden")
    assert same_text == sorted(GEO_EXTRA_MEMBERS), same_text

    # ---- which GEMMA standard becomes an alias of which Forum entry
    claims: dict[str, list[str]] = {}
    for sid, f in forum_by_id.items():
        for gname in f.get("gemma_standards") or []:
            assert gname in gemma, (sid, gname)
            claims.setdefault(gname, []).append(sid)
    multi = {g for g, sids in claims.items() if len(sids) > 1}
    assert multi == set(MULTI_CLAIM_RESOLUTION), multi ^ set(MULTI_CLAIM_RESOLUTION)
    gemma_owner = {}
    for gname, sids in claims.items():
        if len(sids) == 1:
            gemma_owner[gname] = sids[0]
        else:
            target = MULTI_CLAIM_RESOLUTION[gname][0]
            assert target in sids, (gname, sids)
            gemma_owner[gname] = target

    # ---- remaining GEMMA standards: their own entries (status gemma)
    for gname in sorted(gemma):
        if gname in gemma_owner:
            continue
        sid = GEMMA_ID_OVERRIDES.get(gname) or slugify(gname)
        e = new_entry(sid, gname)
        gemma_owner[gname] = sid
        g = gemma[gname]
        e["_gemma_entry"] = True
        e["url"] = g.get("url") or g["gemma_url"]
        if g.get("beheerder") and g["beheerder"] not in DROPPED_BEHEERDERS:
            e["beheerder"] = g["beheerder"]
    assert set(GEMMA_ID_OVERRIDES.values()) <= set(entries)
    assert set(DROPPED_BEHEERDERS) <= {g.get("beheerder") for g in gemma.values()}

    # GEMMA name, object id, afkorting as aliases of their owner; GEMMA status as a statement.
    dropped_afk_used = set()
    for gname in sorted(gemma):
        g = gemma[gname]
        e = entries[gemma_owner[gname]]
        e["aliases"].append(gname)
        collapsed = " ".join(gname.split())
        if collapsed != gname:
            e["aliases"].append(collapsed)   # "Referentielijsten en Selectielijst  API-standaard" has two spaces
        e["aliases"].append(g["object_id"].lower())
        afk = g.get("afkorting")
        if afk:
            if (gname, afk) in DROPPED_AFKORTINGEN:
                dropped_afk_used.add((gname, afk))
            else:
                e["aliases"].append(afk)
        stmt = {"source": "GEMMA", "status": g["status"]}
        if not e.get("_gemma_entry") or e["name"] != gname:
            stmt["note"] = f"GEMMA status of \"{gname}\""
        e["_sbs"].append(stmt)
        e.setdefault("_gemma_names", []).append(gname)
    assert dropped_afk_used == set(DROPPED_AFKORTINGEN), dropped_afk_used

    # ---- families
    for fid, fam in FAMILIES.items():
        if fid not in entries:
            e = new_entry(fid, fam["name"])
            e["_family_only"] = True
        e = entries[fid]
        if "gemma_group" in fam:
            names = sorted(g["name"] for g in gemma.values() if fam["gemma_group"] in (g.get("groups") or []))
            if fid == "zgw-apis":
                assert names == sorted(iface[fam["interface_standard"]]["gemma_standards"])
            members = [gemma_owner[n] for n in names]
            e["beheerder"] = iface[fam["interface_standard"]]["beheerder"]
        elif fid == "stuf":
            names = [n for n in iface[fam["interface_standard"]]["gemma_standards"] if gemma_owner[n] != "stuf"]
            assert "StUF onderlaag" not in names and gemma_owner["StUF onderlaag"] == "stuf"
            members = [gemma_owner[n] for n in names]
        elif fid == "geo-standaarden":
            members = geo_members + list(GEO_EXTRA_MEMBERS)
        else:
            members = list(fam["members"])
        for m in members:
            assert m in entries and m != fid, (fid, m)
        e["members"] = sorted(set(members))
        e["_family_basis"] = fam["basis"]

    # ---- standards the reference lacks, read on 2026-12-03
    for sid, extra in NEW_STANDARDS.items():
        found = fs26_new[sid]
        e = new_entry(sid, extra["name"])
        e["aliases"].extend(extra.get("aliases", []))
        e["_forum_status"] = found["status"]
        e["_sbs"] = []
        if extra.get("note"):
            e["_notes"] = [extra["note"]]
        fs26[sid] = {**found, "confirmed": True}
        if found.get("source_url"):
            e["url"] = found["source_url"]
    for sid, note in SUPERSEDED.items():
        entries[sid].setdefault("_notes", []).append(note)

    # ---- extra aliases
    for sid, (aliases, _basis) in EXTRA_ALIASES.items():
        entries[sid]["aliases"].extend(aliases)

    # ---- statuses
    for sid, e in entries.items():
        sbs = e["_sbs"]
        notes = list(e.get("_notes", []))
        read = fs26.get(sid)
        if read and read["confirmed"] and read["status"] != "unknown":
            # The newest reading of a primary source: it sets the status.
            sbs.append({"source": "FS-2026", "status": FORUM_WORDS[read["status"]]})
            e["status_source"] = status_source(read)
        elif read:
            notes.append(unconfirmed_note(read))
        if sid in second_notes:
            notes.append(second_notes.pop(sid))
        forum_stmts = [s for s in sbs if s["source"] != "GEMMA"]
        if read and read["confirmed"] and read["status"] != "unknown":
            status = read["status"]
            basis = [s["source"] for s in forum_stmts if STATUS_MAP[s["status"]] == status]
            others = [s for s in forum_stmts if STATUS_MAP[s["status"]] != status]
            primary_others = [s for s in others if SOURCE_KIND[s["source"]][0] == "primary"]
            if primary_others and sid in DATED_CHANGES:
                notes.append(DATED_CHANGES[sid])
            elif primary_others and sid in CONFLICTS:
                e["conflicts"] = CONFLICTS[sid]
            elif primary_others:
                raise SystemExit(f"unjudged disagreement between sources for {sid}: {forum_stmts}")
            for o in others:
                if SOURCE_KIND[o["source"]][0] == "secondary":
                    notes.append(f"The secondary source {o['source']} said {o['status']}; the Forum's own page "
                                 f"(FS-2026) says {FORUM_WORDS[status]}.")
        elif "_forum_status" in e:
            status = e["_forum_status"]
            if status == "unknown":
                assert not forum_stmts
                basis = ["FS-BB"]
                notes.insert(0, "Status not read: only known to be in the Forum Beslisboom Open Standaarden "
                                "(FS-BB); not enforced.")
            else:
                basis = [s["source"] for s in forum_stmts if STATUS_MAP[s["status"]] == status]
                assert basis, sid
                others = {STATUS_MAP[s["status"]] for s in forum_stmts} - {status}
                if others:
                    if sid in DATED_CHANGES:
                        notes.append(DATED_CHANGES[sid])
                    elif sid in CONFLICTS:
                        e["conflicts"] = CONFLICTS[sid]
                    else:
                        raise SystemExit(f"unjudged disagreement between sources for {sid}: {forum_stmts}")
                else:
                    assert sid not in DATED_CHANGES and sid not in CONFLICTS, sid
        else:
            status = "gemma"
            basis = ["GEMMA"]
            if e.get("_family_only"):
                notes.append("Family defined by gemmalint from the GEMMA standaardenlijst; its members are GEMMA "
                             "standards.")
        e["status"] = status
        dates = [source_dates[b] for b in basis if source_dates[b]]
        e["status_as_of"] = max(dates) if dates else None
        e["status_basis"] = basis
        if sbs:
            e["statuses_by_source"] = sbs
        if all(SOURCE_KIND[b][0] == "secondary" for b in basis):
            e["secondary_only"] = True
        if notes:
            e["note"] = " ".join(notes)

    assert not second_notes, f"the 2026-12-04 reading names standards the catalogue lacks: {sorted(second_notes)}"

    # ---- permits_non_rest, applies_to
    EBMS_GEMMA_IDS.extend(sorted(gemma_owner[n] for n, g in gemma.items()
                                 if "ebMS2" in (g.get("interface_type_inferred") or "")
                                 and gemma_owner[n] not in PERMITS_NON_REST))
    for sid, basis in PERMITS_NON_REST.items():
        e = entries[sid]
        assert e["status"] in ("wettelijk-verplicht", "verplicht", "gemma"), sid
        e["permits_non_rest"] = True
        e["permits_non_rest_basis"] = basis
    for sid, sel in APPLIES_TO.items():
        assert sid in entries, sid
        entries[sid]["applies_to"] = to_flow(sel)
    assert "applies_to" not in entries["digitoegankelijk-en-301-549-met-wcag-2-1"]

    # ---- aliases: drop those equal to the entry's own id or repeated; then global uniqueness
    seen: dict[str, str] = {}
    for sid in sorted(entries):
        e = entries[sid]
        own = {sid}
        kept = []
        for a in e["aliases"]:
            k = a.casefold()
            if k in own:
                continue
            own.add(k)
            kept.append(a)
        e["aliases"] = kept
    for sid in sorted(entries):
        for key in [sid] + entries[sid]["aliases"]:
            k = key.casefold()
            assert k not in seen, f"alias clash: {key!r} in {sid} and {seen[k]}"
            seen[k] = sid

    # ---- emit in contract key order
    order = ["id", "name", "aliases", "status", "status_as_of", "status_basis", "status_source",
             "statuses_by_source", "secondary_only", "conflicts", "note", "members", "permits_non_rest",
             "permits_non_rest_basis", "url", "beheerder", "applies_to"]
    out = []
    for sid in sorted(entries):
        e = entries[sid]
        item = {}
        for k in order:
            if k not in e:
                continue
            v = e[k]
            if k == "status_as_of":
                item[k] = v          # always present: a date or null
            elif v in (None, [], ""):
                continue
            else:
                item[k] = v
        out.append(item)

    used = sorted({b for e in out for b in e["status_basis"]} | {s["source"] for e in out
                                                                 for s in e.get("statuses_by_source", [])})
    notes = (
        "gemmalint's standards catalogue. Entries: every Forum Standaardisatie entry compiled in the reference "
        "(partial: statuses from FS-GDI 2025-06-30, FS-2022, and the secondary summaries FS-LS and FS-BIO; "
        "\"unknown\" = only known to be in the Forum Beslisboom), the families zgw-apis, haal-centraal, "
        "digikoppeling, stuf, geo-standaarden and authenticatie-standaarden-openid-nlgov-en-saml, and every GEMMA "
        "standard (200) either as an alias of a Forum entry (its gemma_standards) or as its own entry with status "
        "gemma. statuses_by_source keeps every statement verbatim, including the GEMMA lifecycle status (In gebruik, "
        "In ontwikkeling, Einde ondersteuning) of each GEMMA standard. applies_to is set for the first enforced set "
        "only. The source keys are described under sources."
    )
    src = gemma_source(notes, name="gemmalint standards catalogue (GEMMA standaardenlijst + Forum Standaardisatie "
                                   "statuses + interface standards)")
    doc = {"source": src, "sources": {k: sources[k] for k in used}, "standards": out}
    hdr = header("the standards catalogue (ids, aliases, statuses, families, selectors).",
                 GEMMA_SOURCE_LINE + "standards.yaml (GEMMA standaardenlijst)",
                 extra=["  and the Forum Standaardisatie statuses compiled in shared/reference/standards.yaml from",
                        "  FS-GDI (MinBZK/gdi-gegevensuitwisseling @ 8695a980414071782069d72b39d5cfd9d13981c8, 2025-06-30),",
                        "  FS-2022 (forumstandaardisatie.nl Lijst verplichte open standaarden, 2022-06-24, partial),",
                        "  FS-BB (developer-overheid-nl/skills-standaarden @ c0e08e00ef52edc34d5746a492fe16d1f7ea0ad9),",
                        "  FS-LS (developer-overheid-nl/skills-standaarden @ 2fcad4e940cc0b4266bfb65b1ec9c812e1478470) and",
                        "  FS-BIO (developer-overheid-nl/skills-marketplace @ 2a0d5224906c35203bfdcdeff74fd2f5dab74650);",
                        "  FS-BB, FS-LS and FS-BIO are secondary and undated. See the `sources` mapping."])
    return dump(hdr, doc), out, sources


# --------------------------------------------------------------------------------------------
# 6. SOURCES.md
# --------------------------------------------------------------------------------------------

def build_aliases(components):
    names = {c["name"] for c in components}
    out = []
    for alias in sorted(GEMMA_NAME_ALIASES, key=str.casefold):
        targets, basis = GEMMA_NAME_ALIASES[alias]
        for t in targets:
            assert t in names, (alias, t)
        out.append({"alias": alias, "components": targets, "basis": basis})
    src = gemma_source("Names people use for GEMMA components that GEMMA itself does not give them; curated by "
                       "gemmalint, each with its basis. gemmalint derives abbreviations in GEMMA's own names, the "
                       "initials of a name and the basisregistraties' codes itself.",
                       name="gemmalint aliases of GEMMA component names")
    hdr = header("aliases of GEMMA component names (curated, each with its basis).",
                 GEMMA_SOURCE_LINE + "components.yaml (the names the aliases point at)")
    return dump(hdr, {"source": src, "aliases": out}), out


def build_sources_md(components, functions, objects, regs, standards, sources):
    from collections import Counter

    def counter(items, key):
        c = Counter(key(i) for i in items)
        return ", ".join(f"{k}: {v}" for k, v in sorted(c.items(), key=lambda kv: str(kv[0])))

    comp_types = counter(components, lambda c: c["type"])
    comp_status = counter([c for c in components if c["type"] == "referentiecomponent"], lambda c: c["status"])
    std_status = counter(standards, lambda s: s["status"])
    fams = [s for s in standards if s.get("members")]
    L = []
    w = L.append
    w("# Sources of the shipped reference models")
    w("")
    w(f"Generated by `{GENERATED_BY}` from `shared/reference/` on the extraction date {EXTRACTED_ON}. "
      "Do not edit by hand: change the script (its curated tables) or the reference data and run it again. "
      f"Licence: {LICENCE}, like the GEMMA source. {LICENCE_NOTE}")
    w("")
    w("Every model file starts with `#` provenance comments and has a top-level `source:` mapping with the same "
      "facts. Data in these files is taken from the sources below; where a judgement was needed, it is listed "
      "under \"Judgements\" and written as curated data with its basis in the script.")
    w("")
    w("## Files")
    w("")
    w("| file | holds | from |")
    w("| --- | --- | --- |")
    w(f"| `gemma-componenten.yaml` | {len(components)} application components ({comp_types}); "
      f"referentiecomponenten by status: {comp_status} | GEMMA model |")
    w(f"| `gemma-bedrijfsfuncties.yaml` | {len(functions)} bedrijfsfuncties with "
      f"{sum(len(f.get('parents', [])) for f in functions)} parent links | GEMMA model |")
    w(f"| `gemma-bedrijfsobjecten.yaml` | {len(objects)} bedrijfsobjecten, "
      f"{sum(1 for o in objects if 'basisregistratie' in o)} with a basisregistratie "
      f"({counter([o for o in objects if 'basisregistratie' in o], lambda o: o['basisregistratie'])}) "
      "| GEMMA model (GGM sync) |")
    w(f"| `basisregistraties.yaml` | {sum(1 for r in regs if r['in_stelsel'])} basisregistraties + "
      f"{sum(1 for r in regs if not r['in_stelsel'])} outside the stelsel (BLAU) | GEMMA model, Gebruikersonderzoek "
      "Basisregistraties 2020 (5dok.net, BRP section), rijksoverheid.nl (10 basisregistraties) |")
    w(f"| `standards.yaml` | {len(standards)} standards ({std_status}); {len(fams)} families; "
      f"{sum(1 for s in standards if 'applies_to' in s)} with `applies_to` | GEMMA model, FS-2026, FS-GDI, FS-2022, "
      "FS-BB, FS-LS, FS-BIO |")
    w(f"| `gemma-aliases.yaml` | {len(GEMMA_NAME_ALIASES)} curated aliases of GEMMA component names, each with its "
      "basis | curated by gemmalint (the table `GEMMA_NAME_ALIASES` in the script) |")
    w("")
    w("## Sources")
    w("")
    w(f"- **GEMMA model**: `{GEMMA_REPO}` @ `{GEMMA_COMMIT}` (name GEMMA, Type model = Kernmodel, "
      f"Release = {GEMMA_RELEASE}), coArchi files under `model/`. Read into `shared/reference/*.yaml` "
      "(see `shared/reference/SOURCES.md`).")
    for key, s in sources.items():
        if key == "GEMMA":
            continue
        loc = f"`{s['repository']}` @ `{s['commit']}`" if s.get("repository") else s["url"]
        w(f"- **{key}** ({s['kind']}, date {s['date'] or 'unknown'}): {s['what']}. {loc}. "
          f"Reference kind: {SOURCE_KIND[key][1].split(': ', 1)[1]}.")
    w("- Basisregistraties, besides GEMMA: Gebruikersonderzoek Basisregistraties 2020, Bijlage 1 Desk Study "
      "(1 mei 2020), https://5dok.net/document/zpnxomko-gebruikersonderzoek-basisregistraties.html (stored copy, "
      "BRP section only); https://www.rijksoverheid.nl/onderwerpen/digitale-overheid/10-basisregistraties-in-1-stelsel "
      "(stored copy: \"Nederland heeft 10 basisregistraties\").")
    w("- Source `url`s in `standards.yaml` for repositories were built from repository + commit + path "
      "(`https://github.com/<repo>/blob|tree/<commit>/<path>`); `date` is null where the source gives no date "
      "(FS-BB \"unknown (2025/2026)\", FS-LS \"created 2025-02-12, updated later\", FS-BIO \"2025/2026\").")
    w("")
    w("## Judgements")
    w("")
    w("Status mapping (Forum words to catalogue status): " +
      "; ".join(f"`{k}` -> `{v}`" for k, v in STATUS_MAP.items()) +
      ". GEMMA-only entries get `gemma` (basis GEMMA, as of the model release). `unknown` rests on FS-BB "
      "membership only and is not enforced. `status_basis` lists the sources whose statement equals the status; "
      "`status_as_of` is the latest date among them (null when none of them is dated); `secondary_only` is set "
      "when all of them are secondary.")
    w("")
    w("Source kinds: " + "; ".join(f"{k} = {v[0]}" for k, v in SOURCE_KIND.items()) +
      " (FS-GDI is \"primary-ish\" in the reference: treated as primary).")
    w("")
    w("Dated changes (recorded in `note`, not conflicts):")
    for sid, text in DATED_CHANGES.items():
        w(f"- `{sid}`: {text}")
    w(f"- Conflicts between sources of the same period: {'none found' if not CONFLICTS else ', '.join(CONFLICTS)}.")
    w("")
    w("Families and their members:")
    for s in fams:
        w(f"- `{s['id']}` ({len(s['members'])}): " + ", ".join(f"`{m}`" for m in s["members"]) + ". "
          + FAMILIES[s["id"]]["basis"] + ".")
    w("")
    w(f"The geo-standaarden split: the reference has {1 + 5} Forum entries sharing slug `geo-standaarden`. "
      "\"Geo-standaarden\" keeps it as the family; NEN 3610, NL ISO 19115, NL ISO 19119, NL WFS and NL WMS get a "
      "slug of their own name (`nen-3610`, `nl-iso-19115`, `nl-iso-19119`, `nl-wfs`, `nl-wms`), keeping the Forum "
      "url of the family page.")
    w("")
    w("Alias clash resolutions:")
    for g, (sid, why) in MULTI_CLAIM_RESOLUTION.items():
        w(f"- GEMMA \"{g}\" is named by two Forum entries: alias of `{sid}` ({why}).")
    for (g, afk), why in DROPPED_AFKORTINGEN.items():
        w(f"- GEMMA afkorting \"{afk}\" of \"{g}\" not used as an alias: {why}.")
    w("- GEMMA \"StUF onderlaag\" (afkorting StUF) is the GEMMA standard of the Forum entry StUF: an alias of "
      "`stuf`, not one of its members.")
    w("- Aliases equal (case-insensitively) to the entry's own id or to another alias of the same entry are "
      "dropped (GEMMA \"ODF\" on `odf`, \"DKIM\" on `dkim`, ...). Ids and aliases are unique across the catalogue, "
      "compared case-insensitively; the script asserts it.")
    w("- GEMMA \"Referentielijsten en Selectielijst  API-standaard\" has two spaces in its name: both the verbatim "
      "name and the name with one space are aliases.")
    w("- A Forum entry's name is an alias when its slug differs from the id (PDF -> `pdf-en-iso`, XML Schema -> "
      "`xsd`, XSLT -> `xsl`, XMI -> `xmi-2x`, PDF/UA -> `pdfua`).")
    for b, why in DROPPED_BEHEERDERS.items():
        w(f"- GEMMA Beheerder \"{b}\" not emitted as `beheerder`: {why}.")
    w("")
    w("Ids: the Forum slug where the reference has one (read from a forumstandaardisatie.nl URL or, as the "
      "reference says, derived from the name); otherwise a slug of the GEMMA name. Shorter ids on request: " +
      ", ".join(f"\"{k}\" -> `{v}`" for k, v in GEMMA_ID_OVERRIDES.items()) + ".")
    w("")
    w("Extra aliases (common short names):")
    for sid, (aliases, basis) in EXTRA_ALIASES.items():
        w(f"- `{sid}`: " + ", ".join(f"\"{a}\"" for a in aliases) + f" ({basis}).")
    w("")
    w("`permits_non_rest` (mandated standards whose transport is not REST):")
    for sid, basis in PERMITS_NON_REST.items():
        w(f"- `{sid}`: {basis}.")
    w("- Not marked (no transport read for them): Digikoppeling Grote Berichten (file transfer); the "
      "GEMMA standards " + ", ".join(f"`{i}`" for i in EBMS_GEMMA_IDS) + " (status gemma, interface type ebMS2 "
      "inferred in the reference); the other iStandaarden in GEMMA, `ieb-voor-gemeenten` and `ipgb-voor-gemeenten`.")
    w("")
    w("`applies_to` (the first enforced set of the project's design): " +
      ", ".join(f"`{sid}`" for sid in APPLIES_TO) + ". `digitoegankelijk-en-301-549-met-wcag-2-1` has none "
      "(the `accessibility` rule owns it).")
    w("")
    w("Where `applies_to` follows a standard's functioneel toepassingsgebied closely (read on its Forum "
      "page on 2026-12-04):")
    w("- `nl-gov-assurance-profile-for-oauth-2-0`: REST interfaces with `delegated_access: true`. The "
      "page (https://forumstandaardisatie.nl/open-standaarden/nl-gov-assurance-profile-oauth-20): \"moet "
      "worden toegepast bij applicaties waarbij gebruikers of 'resource owners' impliciet of expliciet "
      "toestemming geven aan een dienst van een derde om namens deze toegang te krijgen tot gegevens via "
      "een REST API waarvoor ze recht van toegang hebben\". Until 2026-12-04 every REST interface on the "
      "internet or Diginetwerk was selected: too wide (an open-data API, a system-to-system link).")
    w("- `pdf-en-iso`: applications that realise a component the GEMMA model links PDF/A to (its `standards`): "
      + ", ".join(f"`{c}`" for c in PDF_COMPONENTS) + ". The Forum page (notes in "
      "models/sources/forum-standaardisatie-2026-12-03.yaml) gives the functioneel toepassingsgebied as the "
      "exchange and publication of non-revisable documents; until 2026-12-04 every application with "
      "`archiving.records: true` was selected, structured records too.")
    w("- `authenticatie-standaarden-openid-nlgov-en-saml`: no `applies_to`. The page "
      "(https://www.forumstandaardisatie.nl/open-standaarden/authenticatie-standaarden): \"moeten worden "
      "toegepast door aanbieders van identitydiensten, onder wie identity providers en identity "
      "brokers/gateways, op hun externe koppelvlak aan serviceproviders (d.w.z. overheden met digitale "
      "diensten)\". A municipality's application that logs residents in with DigiD is the service "
      "provider, not the addressee; until 2026-12-04 every public application with a login was selected.")
    w("")
    w("Basisregistraties:")
    w("- `national_facilities`: the registration's GEMMA voorzieningen in the GEMMA grouping \"Basisregistraties\"; "
      "linked in the reference but outside that grouping, so left out: " +
      ", ".join(f"{n} ({c})" for c, n in NOT_NATIONAL_FACILITIES) + ".")
    w("- `municipality_is_bronhouder`: true exactly when the reference `bronhouders` text names gemeenten "
      "(the script asserts it). For BRK the gemeenten are bronhouder of the publiekrechtelijke beperkingen "
      "(BRK-PB) only, and that text is INFERRED in the reference; for BRO it is INFERRED too.")
    w("- Aliases: the reference annotations in parentheses are dropped (\"GBKN (voorloper)\" -> GBKN, \"BRK-PB "
      "(publiekrechtelijke beperkingen)\" -> BRK-PB, \"AIG (authentieke inkomensgegevens)\" -> AIG, \"DINO "
      "(voorloper)\" -> DINO).")
    for (code, comp), why in NOT_BRONHOUDER_COMPONENTS.items():
        w(f"- `{code}`: \"{comp}\" left out of `bronhouder_components`: {why}.")
    w("")
    w("## Doubtful data in the reference (kept as read, except where a judgement above says otherwise)")
    w("")
    for line in DOUBTFUL:
        w(f"- {line}")
    w("")
    w("## Known gaps")
    w("")
    w("- Non-normative components (type `overig`): the GEMMA data has no \"use instead\" link to a normative "
      "component; they also have no status and no GEMMA Online url in the reference.")
    w("- Forum Standaardisatie statuses are partial: no official Forum export was available. 26 entries are "
      "`unknown` (Beslisboom membership only). FS-LS, FS-BIO and FS-BB are secondary (AI-assisted summaries or a "
      "monitoring script) and undated; statuses resting on them alone carry `secondary_only: true`.")
    w("- `verify` flags of the reference (StUF, PDF/UA, NL-SBB: in the Beslisboom, yet aanbevolen or geen in "
      "FS-GDI) are kept in `note`.")
    w("- Forum entries without a forumstandaardisatie.nl URL have a slug derived from the name (not checked "
      "against forumstandaardisatie.nl); several have no `url`.")
    w("- The reference mapping from Forum entries to GEMMA standards (`gemma_standards`) is name-based "
      "(inferred); e.g. GEMMA \"ArchiMate File Format\" is an alias of the Forum entry ArchiMate, and GWSW.OroX and "
      "GWSW.RibX are aliases of `gwsw`.")
    w("- Bedrijfsobjecten: only 38 of 509 carry a Bron property; `basisregistratie` absent means not determined. "
      "7 registrations are INFERRED (see `basisregistratie_basis`). The association relationships between objects "
      "were not exported. The GEMMA model has no link from referentiecomponent to bedrijfsobject.")
    w("- Basisregistraties: several holder/bronhouder facts are INFERRED in the reference (see each `basis`); "
      "BGT, BRT, BRV, BRI and BRO have no GEMMA bedrijfsobjecten with their code.")
    w("- Bedrijfsfuncties: about 233 sub-functions have no `gemma_type`; the Toelichting property was not exported.")
    w("")
    return "\n".join(L)


# --------------------------------------------------------------------------------------------

def main(argv=None):
    repo_root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("reference", nargs="?", default=os.path.join(repo_root, "..", "shared", "reference"),
                    help="folder with the sourced reference data (default: ../shared/reference)")
    ap.add_argument("--out", default=os.path.join(repo_root, "models"), help="output folder (default: models/)")
    args = ap.parse_args(argv)
    ref = os.path.normpath(args.reference)
    out = os.path.normpath(args.out)

    comp_text, components = build_components(ref)
    func_text, functions = build_functions(ref)
    obj_text, objects = build_objects(ref)
    reg_text, regs = build_basisregistraties(ref, components, objects)
    std_text, standards, sources = build_standards(ref)
    alias_text, aliases = build_aliases(components)
    md_text = build_sources_md(components, functions, objects, regs, standards, sources)

    files = {
        "gemma-componenten.yaml": comp_text,
        "gemma-bedrijfsfuncties.yaml": func_text,
        "gemma-bedrijfsobjecten.yaml": obj_text,
        "basisregistraties.yaml": reg_text,
        "standards.yaml": std_text,
        "gemma-aliases.yaml": alias_text,
        "SOURCES.md": md_text,
    }
    # every YAML file must read back to exactly what was meant
    for name, text in files.items():
        if name.endswith(".yaml"):
            yaml.safe_load(text)
    os.makedirs(out, exist_ok=True)
    for name, text in files.items():
        with open(os.path.join(out, name), "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        print(f"wrote {os.path.join(out, name)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
