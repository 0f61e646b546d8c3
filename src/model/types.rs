//! The landscape model as the architect writes it: one struct per kind of element, each field
//! with its span. Doc comments become the JSON Schema descriptions that editors show.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::syntax::{IdMap, OneOrMany, Sp};

/// A calendar date written `YYYY-MM-DD`.
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(pub jiff::civil::Date);

impl Date {
    pub fn parse(text: &str) -> Result<Date, String> {
        let trimmed = text.trim();
        let well_formed = trimmed.len() == 10
            && trimmed.bytes().enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            });
        if !well_formed {
            return Err(format!("`{trimmed}` is not a date; write it as YYYY-MM-DD"));
        }
        trimmed
            .parse::<jiff::civil::Date>()
            .map(Date)
            .map_err(|_| format!("`{trimmed}` is not a date that exists"))
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Date::parse(&text).map_err(serde::de::Error::custom)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "A date written YYYY-MM-DD."
        })
    }
}

/// Allows `x-` keys (a CMDB number, a contract date) next to the fixed keys of a mapping.
/// A path or URL: blank text names nothing, and says so (rather than "outside the model root").
fn path_or_url<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Sp<String>>, D::Error> {
    let value = Option::<Sp<String>>::deserialize(d)?;
    if value.as_ref().is_some_and(|v| v.value.trim().is_empty()) {
        return Err(serde::de::Error::custom(
            "an empty path: give a path inside the model root or a URL, or leave the key out",
        ));
    }
    Ok(value)
}

fn allow_extensions(schema: &mut Schema) {
    schema.insert("patternProperties".into(), serde_json::json!({ "^x-": {} }));
}

macro_rules! kebab_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Copy, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize, Serialize, JsonSchema)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            pub const ALL: &'static [&'static str] = &[$($text),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

kebab_enum!(
    /// What kind of owner this is.
    OwnerKind {
        Organisation = "organisation",
        Department = "department",
        Team = "team",
        Person = "person",
        /// The municipality stays responsible for what it outsources: a supplier owner is a warning.
        Supplier = "supplier",
    }
);

kebab_enum!(
    /// How the application came to be.
    Development {
        /// Bought: a product of a supplier.
        Product = "product",
        /// Built for the municipality.
        Custom = "custom",
    }
);

kebab_enum!(
    /// Where the application runs.
    Hosting {
        OnPremise = "on-premise",
        Saas = "saas",
        Cloud = "cloud",
        SharedService = "shared-service",
    }
);

kebab_enum!(
    /// Where an application or interface is in its life.
    LifecycleStatus {
        Planned = "planned",
        Active = "active",
        PhaseOut = "phase-out",
        Retired = "retired",
    }
);

kebab_enum!(
    /// How residents or businesses log in.
    Login {
        Digid = "digid",
        Eherkenning = "eherkenning",
        Eidas = "eidas",
        None = "none",
    }
);

kebab_enum!(
    /// Whether the application takes or supports decisions about people.
    DecisionMaking {
        None = "none",
        /// Advises a person who decides.
        Supported = "supported",
        /// Decides without a person.
        Automated = "automated",
    }
);

kebab_enum!(
    /// How decisions or advice are reached.
    DecisionTechnique {
        Rules = "rules",
        Statistical = "statistical",
        Ai = "ai",
    }
);

kebab_enum!(
    /// How an application has a data object.
    DataRole {
        /// Its one source of truth.
        Source = "source",
        /// Asks the source when needed and stores nothing.
        Query = "query",
        /// Keeps a copy, refreshed as `sync` says.
        Copy = "copy",
        /// Passes the data on (a gateway, a service bus) and stores nothing.
        Relay = "relay",
    }
);

kebab_enum!(
    /// How often a copy is refreshed from its source.
    Sync {
        Realtime = "realtime",
        Hourly = "hourly",
        Daily = "daily",
        Weekly = "weekly",
        /// A monthly extract (the BAG's, say).
        Monthly = "monthly",
        Manual = "manual",
    }
);

kebab_enum!(
    /// The interface's technical style.
    InterfaceStyle {
        Rest = "rest",
        Soap = "soap",
        Graphql = "graphql",
        /// Asynchronous messages through a broker or queue.
        Messaging = "messaging",
        /// Notifications of events (NL GOV profile for CloudEvents).
        Events = "events",
        /// A file transferred whole (an extract, a batch).
        File = "file",
        Database = "database",
        Other = "other",
    }
);

kebab_enum!(
    /// The network an interface is offered on.
    Network {
        Internal = "internal",
        Internet = "internet",
        Diginetwerk = "diginetwerk",
    }
);

kebab_enum!(
    /// The status of a standard: how strongly it is required.
    StandardStatus {
        /// Required by law.
        WettelijkVerplicht = "wettelijk-verplicht",
        /// On the Forum Standaardisatie "pas toe of leg uit" list.
        Verplicht = "verplicht",
        /// Recommended by Forum Standaardisatie.
        Aanbevolen = "aanbevolen",
        /// A GEMMA standard.
        Gemma = "gemma",
        /// On no list.
        None = "none",
        /// Not established by the sources.
        Unknown = "unknown",
        /// The municipality's own standard.
        Local = "local",
    }
);

/// Someone who owns applications, business functions or data: an organisation, a department, a team.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = allow_extensions)]
pub struct Owner {
    /// The owner's name as people know it.
    pub name: Sp<String>,
    /// What kind of owner this is.
    pub kind: Option<Sp<OwnerKind>>,
    /// The owner this one is part of (another owner id).
    pub parent: Option<Sp<String>>,
    /// How to reach the owner.
    pub contact: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
}

/// A GEMMA bedrijfsfunctie as this municipality assigns it; its owner owns the applications that support it.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = allow_extensions)]
pub struct BusinessFunction {
    pub name: Sp<String>,
    /// Name or Object ID of the GEMMA bedrijfsfunctie.
    pub gemma: Option<Sp<String>>,
    /// The owner id; without one, the parent function's owner.
    pub owner: Option<Sp<String>>,
    /// The business function this one is part of.
    pub parent: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
}

/// Where an application or interface is in its life.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = allow_extensions)]
pub struct Lifecycle {
    /// planned | active (default) | phase-out | retired
    pub status: Option<Sp<LifecycleStatus>>,
    /// The last day it is used (required for phase-out).
    pub end: Option<Sp<Date>>,
}

/// How the application's records are archived.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = allow_extensions)]
pub struct Archiving {
    /// Whether the application creates records (archiefbescheiden).
    pub records: Option<Sp<bool>>,
    /// The applications (a DMS, an e-Depot) that archive its records.
    #[serde(default)]
    pub destination: OneOrMany<Sp<String>>,
}

/// How an application has one data object.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = allow_extensions)]
pub struct DataUse {
    /// source | query | copy | relay
    pub role: Sp<DataRole>,
    /// The application it gets the data from (for query, copy and relay).
    pub from: Option<Sp<String>>,
    /// How often a copy is refreshed: realtime | hourly | daily | weekly | monthly | manual.
    pub sync: Option<Sp<Sync>>,
}

/// An application: software the municipality uses, its own or run by others (`external: true`).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = allow_extensions)]
pub struct Application {
    pub name: Sp<String>,
    pub description: Option<Sp<String>>,
    /// The owner id; without one, derived from its business functions.
    pub owner: Option<Sp<String>>,
    /// The supplier (free text).
    pub supplier: Option<Sp<String>>,
    /// Run by someone else (a national facility, a partner); the rules for the municipality's own systems skip it.
    pub external: Option<Sp<bool>>,
    /// product (bought) | custom (built for the municipality)
    pub development: Option<Sp<Development>>,
    /// GEMMA referentiecomponenten or buitengemeentelijke voorzieningen it realises, by name or Object ID.
    #[serde(default)]
    pub reference_components: OneOrMany<Sp<String>>,
    /// Business function ids it supports.
    #[serde(default)]
    pub business_functions: OneOrMany<Sp<String>>,
    /// SPDX expression (EUPL-1.2, MIT OR Apache-2.0), LicenseRef-…, proprietary or unknown.
    pub license: Option<Sp<String>>,
    /// Where its source code is published.
    pub source_code: Option<Sp<String>>,
    /// Path of its publiccode.yml inside the model root.
    #[serde(default, deserialize_with = "path_or_url")]
    pub publiccode: Option<Sp<String>>,
    /// on-premise | saas | cloud | shared-service
    pub hosting: Option<Sp<Hosting>>,
    pub lifecycle: Option<Sp<Lifecycle>>,
    /// Offered to residents or businesses over the internet.
    pub public_facing: Option<Sp<bool>>,
    /// How residents or businesses log in: digid | eherkenning | eidas | none, or a list of them.
    #[serde(default)]
    pub login: OneOrMany<Sp<Login>>,
    /// URL of the accessibility statement (toegankelijkheidsverklaring).
    pub accessibility_statement: Option<Sp<String>>,
    /// Whether it processes personal data (also true when it holds, copies or queries a personal-data object).
    pub personal_data: Option<Sp<bool>>,
    /// Whether it processes special categories of personal data (AVG art. 9: health, religion,
    /// ethnicity, …) or data about criminal convictions (AVG art. 10).
    pub special_categories: Option<Sp<bool>>,
    /// The reference (a document id or URL) of its data protection impact assessment (AVG art. 35).
    pub dpia: Option<Sp<String>>,
    /// Entries in the verwerkingsregister (one or a list).
    #[serde(default)]
    pub processing_register: OneOrMany<Sp<String>>,
    /// none | supported | automated
    pub decision_making: Option<Sp<DecisionMaking>>,
    /// rules | statistical | ai
    pub decision_technique: Option<Sp<DecisionTechnique>>,
    /// Whether it profiles people.
    pub profiling: Option<Sp<bool>>,
    /// Where its algorithm is published (the Algoritmeregister).
    pub algorithm_register: Option<Sp<String>>,
    pub archiving: Option<Sp<Archiving>>,
    /// Standards it implements, by id or alias in the standards catalogue.
    #[serde(default)]
    pub standards: OneOrMany<Sp<String>>,
    /// The data it holds or uses, by data object id.
    #[serde(default)]
    pub data: IdMap<DataUse>,
}

/// An interface one application offers to others.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = allow_extensions)]
pub struct Interface {
    pub name: Sp<String>,
    pub description: Option<Sp<String>>,
    /// The application that offers it.
    pub provider: Sp<String>,
    /// The applications that use it.
    #[serde(default)]
    pub consumers: OneOrMany<Sp<String>>,
    /// rest | soap | graphql | messaging | events | file | database | other
    pub style: Option<Sp<InterfaceStyle>>,
    /// Standards it implements, by id or alias in the standards catalogue.
    #[serde(default)]
    pub standards: OneOrMany<Sp<String>>,
    /// Its OpenAPI, AsyncAPI or WSDL document: a path inside the model root, or a URL
    /// (recorded, never fetched).
    #[serde(default, deserialize_with = "path_or_url")]
    pub specification: Option<Sp<String>>,
    /// The data objects it carries.
    #[serde(default)]
    pub data_objects: OneOrMany<Sp<String>>,
    /// internal | internet | diginetwerk
    pub network: Option<Sp<Network>>,
    /// Whether users (resource owners) let a third party's service reach their data through it
    /// on their behalf: the delegated access that the NL GOV Assurance profile for OAuth 2.0
    /// is for. Unstated is `false`.
    pub delegated_access: Option<Sp<bool>>,
    pub lifecycle: Option<Sp<Lifecycle>>,
}

/// A kind of data the municipality records (a GEMMA bedrijfsobject).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = allow_extensions)]
pub struct DataObject {
    pub name: Sp<String>,
    pub description: Option<Sp<String>>,
    /// Name or Object ID of the GEMMA bedrijfsobject.
    pub gemma: Option<Sp<String>>,
    /// The basisregistratie that is its authentic source (BRP, BAG, BRK, HR, WOZ, …).
    pub basisregistratie: Option<Sp<String>>,
    /// The owner id; without one, its source application's owner.
    pub owner: Option<Sp<String>>,
    /// Whether it is personal data.
    pub personal_data: Option<Sp<bool>>,
    /// Whether it holds special categories of personal data (AVG art. 9 and 10: health,
    /// religion, ethnicity, … and criminal convictions); every application that has it as
    /// source, copy or by querying it then processes them. Such data is personal data.
    pub special_categories: Option<Sp<bool>>,
}

impl DataObject {
    /// Whether it is personal data: it says so, or it holds special categories of personal data.
    pub fn is_personal(&self) -> bool {
        [&self.personal_data, &self.special_categories]
            .into_iter()
            .any(|flag| flag.as_ref().is_some_and(|f| f.value))
    }
}

/// A standard the municipality adds to the shipped catalogue.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = allow_extensions)]
pub struct LocalStandard {
    pub name: Sp<String>,
    /// Usually `local`.
    pub status: Option<Sp<StandardStatus>>,
    /// Other names it may be referred to by.
    #[serde(default)]
    pub aliases: OneOrMany<Sp<String>>,
    pub url: Option<Sp<String>>,
    pub description: Option<Sp<String>>,
}

/// An explained deviation ("pas toe of leg uit"): silences one rule's findings on its targets until it expires.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = allow_extensions)]
pub struct Waiver {
    /// The rule id it silences.
    pub rule: Sp<String>,
    /// `kind:id`, `kind:*`, or a list of them.
    #[serde(default)]
    pub target: OneOrMany<Sp<String>>,
    /// Narrows the waiver to one finding key (a standard id, say).
    pub key: Option<Sp<String>>,
    /// Why the deviation is acceptable.
    pub reason: Option<Sp<String>>,
    /// Who decided, and when (a decision reference).
    pub decision: Option<Sp<String>>,
    /// Valid through this date.
    pub expires: Option<Sp<Date>>,
}

/// One model file: collections of elements by id. Files are merged into one landscape.
#[derive(Clone, Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(transform = allow_extensions)]
pub struct ModelFile {
    #[serde(default)]
    pub owners: IdMap<Owner>,
    #[serde(default)]
    pub business_functions: IdMap<BusinessFunction>,
    #[serde(default)]
    pub applications: IdMap<Application>,
    #[serde(default)]
    pub interfaces: IdMap<Interface>,
    #[serde(default)]
    pub data_objects: IdMap<DataObject>,
    #[serde(default)]
    pub standards: IdMap<LocalStandard>,
    #[serde(default)]
    pub waivers: IdMap<Waiver>,
}

/// An element's name, as findings show it (a waiver has none: its rule stands in).
pub trait Named {
    fn name(&self) -> &str;
}

macro_rules! named {
    ($($t:ty => $field:ident),+ $(,)?) => {
        $(impl Named for $t {
            fn name(&self) -> &str {
                &self.$field.value
            }
        })+
    };
}

named!(
    Owner => name,
    BusinessFunction => name,
    Application => name,
    Interface => name,
    DataObject => name,
    LocalStandard => name,
    Waiver => rule,
);

/// The lifecycle status; without `lifecycle`, active.
pub fn lifecycle_status(lifecycle: Option<&Sp<Lifecycle>>) -> LifecycleStatus {
    lifecycle
        .and_then(|l| l.status.as_ref())
        .map_or(LifecycleStatus::Active, |s| s.value)
}

impl Application {
    /// Run by someone else (a national facility, a partner).
    pub fn is_external(&self) -> bool {
        self.external.as_ref().is_some_and(|e| e.value)
    }

    pub fn status(&self) -> LifecycleStatus {
        lifecycle_status(self.lifecycle.as_ref())
    }

    pub fn is_retired(&self) -> bool {
        self.status() == LifecycleStatus::Retired
    }

    /// Where it is public-facing: its `public_facing: true`, or, when it does not say, a login
    /// with DigiD, eHerkenning or eIDAS (the means by which residents and businesses log in
    /// over the internet). `None` when it is not, or says it is not.
    pub fn public_facing_at(&self) -> Option<crate::text::Span> {
        match &self.public_facing {
            Some(p) => p.value.then_some(p.span),
            None => self
                .login
                .iter()
                .find(|l| matches!(l.value, Login::Digid | Login::Eherkenning | Login::Eidas))
                .map(|l| l.span),
        }
    }
}

impl Interface {
    pub fn status(&self) -> LifecycleStatus {
        lifecycle_status(self.lifecycle.as_ref())
    }

    pub fn is_retired(&self) -> bool {
        self.status() == LifecycleStatus::Retired
    }
}
