//! `gemmalint import` and `export`: every fixture format imported by the real binary into a
//! landscape that `check` reads without a problem; files that are not ArchiMate refused; a
//! second import refused, a merge that writes new files only; and the example landscape
//! exported and imported back unchanged.

mod common;

use std::path::Path;

use common::{TODAY, check_json, gemmalint, repo};
use gemmalint::model::{self, Kind, LoadOptions, Model};

fn fixture(name: &str) -> std::path::PathBuf {
    repo().join("tests/fixtures/import").join(name)
}

/// A fresh directory holding a copy of the fixture, so that every path is relative.
fn workdir(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(fixture(name), dir.path().join(name)).unwrap();
    dir
}

/// Imports a fixture into `landschap`, snapshots the summary, and checks the result: no
/// problems, only findings.
fn import_and_check(format: &str, name: &str, snapshot: &str) -> tempfile::TempDir {
    let dir = workdir(name);
    let run = gemmalint(dir.path(), &["import", format, name, "-o", "landschap"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    insta::assert_snapshot!(snapshot, run.stdout);
    assert_loads_and_checks(dir.path(), "landschap");
    dir
}

fn assert_loads_and_checks(dir: &Path, landscape: &str) {
    let (code, json) = check_json(dir, landscape);
    assert_eq!(json["problems"], serde_json::json!([]), "no load problems");
    assert_ne!(code, 2);
    assert!(
        !json["findings"].as_array().unwrap().is_empty(),
        "check reports what the source lacks"
    );
}

fn read(dir: &Path, file: &str) -> String {
    std::fs::read_to_string(dir.join(file)).unwrap()
}

#[test]
fn an_exchange_file_3_0_with_every_awkward_case() {
    let dir = import_and_check("archimate", "exchange-3.0.xml", "import-exchange-3.0");
    let apps = read(dir.path(), "landschap/applicaties.yaml");
    // Duplicate names, in the order of their identifiers.
    assert!(
        apps.contains("  portaal:\n    name: Portaal\n    data:"),
        "{apps}"
    );
    assert!(apps.contains("  portaal-2:\n"), "{apps}");
    // A read access gets its `from` through the interface the model shows.
    assert!(
        apps.contains("role: query\n        from: zaaksysteem"),
        "{apps}"
    );
    // GEMMA elements resolve by Object ID; a specialisation names a reference component.
    assert!(apps.contains("- Zaakregistratiecomponent"), "{apps}");
    assert!(apps.contains("- Documentbeheercomponent"), "{apps}");
    // Properties: a model field, the Dutch supplier, a value that does not fit kept as `x-`.
    assert!(apps.contains("license: EUPL-1.2"), "{apps}");
    assert!(apps.contains("supplier: Voorbeeld BV"), "{apps}");
    assert!(apps.contains("x-hosting: Azure"), "{apps}");
    assert!(apps.contains("x-cmdb: CI-0042"), "{apps}");
    let functions = read(dir.path(), "landschap/bedrijfsfuncties.yaml");
    assert!(functions.contains("gemma: Contactbeheer"), "{functions}");
    let owners = read(dir.path(), "landschap/organisatie.yaml");
    assert!(
        owners.contains("name: Gemeente Oostdorp"),
        "Dutch name preferred: {owners}"
    );
}

#[test]
fn an_exchange_file_3_1_with_undefined_properties_and_unknown_gemma_names() {
    let dir = import_and_check("archimate", "exchange-3.1.xml", "import-exchange-3.1");
    let apps = read(dir.path(), "landschap/applicaties.yaml");
    assert!(
        apps.contains("GBA-V (Verstrekkingsvoorziening)"),
        "Object ID in braces: {apps}"
    );
    assert!(apps.contains("end: \"2027-06-30\""), "{apps}");
}

#[test]
fn an_archi_model() {
    let dir = import_and_check("archimate", "oostdorp.archimate", "import-archi");
    let apps = read(dir.path(), "landschap/applicaties.yaml");
    // No accessType in an Archi file is write; 1 is read; 2 is guessed.
    assert!(apps.contains("meldingen-app:\n    name: Meldingen-app\n    data:\n      melding:\n        role: source"), "{apps}");
}

#[test]
fn a_zipped_archi_model_reads_as_the_plain_one() {
    use std::io::Write;
    let dir = workdir("oostdorp.archimate");
    let zipped = std::fs::File::create(dir.path().join("gezipt.archimate")).unwrap();
    let mut zip = zip::ZipWriter::new(zipped);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("images/logo.png", options).unwrap();
    zip.write_all(b"\x89PNG not really").unwrap();
    zip.start_file("model.xml", options).unwrap();
    zip.write_all(&std::fs::read(fixture("oostdorp.archimate")).unwrap())
        .unwrap();
    zip.finish().unwrap();
    for (file, out) in [
        ("oostdorp.archimate", "plain"),
        ("gezipt.archimate", "zipped"),
    ] {
        let run = gemmalint(dir.path(), &["import", "archimate", file, "-o", out]);
        assert_eq!(run.code, 0, "{}", run.stdout);
    }
    let body = |dir: &Path, file: &str| -> String {
        read(dir, file)
            .lines()
            .filter(|l| !l.starts_with('#'))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for file in ["applicaties.yaml", "organisatie.yaml", "gegevens.yaml"] {
        assert_eq!(
            body(dir.path(), &format!("plain/{file}")),
            body(dir.path(), &format!("zipped/{file}"))
        );
    }
    assert_loads_and_checks(dir.path(), "zipped");
}

#[test]
fn a_softwarecatalogus_export() {
    let dir = import_and_check(
        "softwarecatalogus",
        "applicaties.csv",
        "import-softwarecatalogus",
    );
    let apps = read(dir.path(), "landschap/applicaties.yaml");
    assert!(apps.contains("license: EUPL-1.2"), "{apps}");
    assert!(apps.contains("license: proprietary"), "{apps}");
    assert!(apps.contains("hosting: saas"), "{apps}");
    assert!(apps.contains("- \"3pas-api-standaard\""), "{apps}");
    assert!(!apps.contains("Jan de Vries"), "no contact persons: {apps}");
    assert!(!apps.contains("base64"), "no logos: {apps}");
}

#[test]
fn files_that_are_not_archimate_are_refused() {
    for (name, snapshot) in [
        ("uml.xmi", "refuse-xmi"),
        ("archimate-2.1.xml", "refuse-archimate-2.1"),
        ("afgebroken.xml", "refuse-not-well-formed"),
        ("applicaties.csv", "refuse-csv-as-archimate"),
    ] {
        let dir = workdir(name);
        let run = gemmalint(
            dir.path(),
            &["import", "archimate", name, "-o", "landschap"],
        );
        assert_eq!(run.code, 2, "{}", run.stdout);
        assert!(!dir.path().join("landschap").exists(), "nothing written");
        insta::assert_snapshot!(snapshot, run.stdout);
    }
    let dir = workdir("exchange-3.0.xml");
    let run = gemmalint(
        dir.path(),
        &["import", "softwarecatalogus", "exchange-3.0.xml", "-o", "l"],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(run.stdout.contains("no `naam` column"), "{}", run.stdout);
}

#[test]
fn a_second_import_refuses_and_a_merge_writes_new_files_only() {
    let dir = workdir("exchange-3.1.xml");
    std::fs::copy(
        fixture("exchange-3.0.xml"),
        dir.path().join("exchange-3.0.xml"),
    )
    .unwrap();
    let first = gemmalint(
        dir.path(),
        &["import", "archimate", "exchange-3.1.xml", "-o", "l"],
    );
    assert_eq!(first.code, 0, "{}", first.stdout);
    let before = read(dir.path(), "l/applicaties.yaml");
    let again = gemmalint(
        dir.path(),
        &["import", "archimate", "exchange-3.0.xml", "-o", "l"],
    );
    assert_eq!(again.code, 2, "{}", again.stdout);
    assert!(again.stdout.contains("--merge"), "{}", again.stdout);
    let merged = gemmalint(
        dir.path(),
        &[
            "import",
            "archimate",
            "exchange-3.0.xml",
            "-o",
            "l",
            "--merge",
        ],
    );
    assert_eq!(merged.code, 0, "{}", merged.stdout);
    assert_eq!(
        read(dir.path(), "l/applicaties.yaml"),
        before,
        "never rewritten"
    );
    assert!(dir.path().join("l/applicaties-2.yaml").is_file());
    assert_loads_and_checks(dir.path(), "l");
    // The same file merged again: everything is there already.
    let same = gemmalint(
        dir.path(),
        &[
            "import",
            "archimate",
            "exchange-3.0.xml",
            "-o",
            "l",
            "--merge",
        ],
    );
    assert_eq!(same.code, 0, "{}", same.stdout);
    assert!(same.stdout.contains("written: nothing"), "{}", same.stdout);
    assert!(!dir.path().join("l/applicaties-3.yaml").exists());
}

#[cfg(unix)]
#[test]
fn a_merge_never_writes_through_a_symlink() {
    let outside = tempfile::tempdir().unwrap();
    let target = outside.path().join("elders.yaml");
    std::fs::write(&target, "# niet aanraken\n").unwrap();
    let dir = workdir("exchange-3.1.xml");
    std::fs::create_dir(dir.path().join("l")).unwrap();
    std::os::unix::fs::symlink(&target, dir.path().join("l/applicaties.yaml")).unwrap();
    let run = gemmalint(
        dir.path(),
        &[
            "import",
            "archimate",
            "exchange-3.1.xml",
            "-o",
            "l",
            "--merge",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "# niet aanraken\n"
    );
    assert!(dir.path().join("l/applicaties-2.yaml").is_file());
}

fn load(dir: &Path) -> Model {
    let options = LoadOptions {
        root: dir,
        exclude: &[],
    };
    let (files, problems) = model::discover(&[dir.to_path_buf()], &options);
    assert!(problems.is_empty(), "{problems:?}");
    let mut sources = gemmalint::text::Sources::default();
    let (model, problems) = model::load(&files, dir, &mut sources);
    assert!(problems.is_empty(), "{problems:?}");
    model
}

/// Every element of the kinds the exchange format carries, as JSON, by id.
fn elements(model: &Model) -> Vec<(Kind, String, serde_json::Value)> {
    let mut out = Vec::new();
    macro_rules! take {
        ($kind:expr, $list:expr) => {
            for e in &$list {
                let mut body = serde_json::to_value(&e.body).unwrap();
                body["extensions"] = serde_json::to_value(&e.extensions).unwrap();
                out.push(($kind, e.id.clone(), body));
            }
        };
    }
    take!(Kind::Owner, model.owners);
    take!(Kind::BusinessFunction, model.business_functions);
    take!(Kind::Application, model.applications);
    take!(Kind::Interface, model.interfaces);
    take!(Kind::DataObject, model.data_objects);
    out.sort_by(|a, b| (a.0, &a.1).cmp(&(b.0, &b.1)));
    out
}

#[test]
fn the_example_landscape_survives_export_and_import() {
    let dir = tempfile::tempdir().unwrap();
    let example = repo().join("examples/voorbeeldstad");
    let out = dir.path().join("voorbeeldstad.xml");
    let run = gemmalint(
        &example,
        &["export", "archimate", "-o", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stdout);
    let back = gemmalint(
        dir.path(),
        &["import", "archimate", "voorbeeldstad.xml", "-o", "terug"],
    );
    assert_eq!(back.code, 0, "{}", back.stdout);
    assert!(!back.stdout.contains("Left out"), "{}", back.stdout);
    let original = elements(&load(&example.join("landscape")));
    let again = elements(&load(&dir.path().join("terug")));
    assert_eq!(original.len(), again.len());
    for (a, b) in original.iter().zip(&again) {
        assert_eq!(a, b);
    }
    // Exported twice: the same bytes.
    let out2 = dir.path().join("twee.xml");
    gemmalint(
        &example,
        &["export", "archimate", "-o", out2.to_str().unwrap()],
    );
    assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&out2).unwrap());
    let _ = TODAY;
}

#[test]
fn export_refuses_to_write_over_a_model_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "applications:\n  x:\n    name: X\n",
    )
    .unwrap();
    let run = gemmalint(
        dir.path(),
        &[
            "export",
            "archimate",
            "a.yaml",
            "-o",
            "a.yaml",
            "--no-config",
        ],
    );
    assert_eq!(run.code, 2, "{}", run.stdout);
    assert!(read(dir.path(), "a.yaml").starts_with("applications:"));
}

/// An exchange file of about 16 MB, shaped like a GEMMA-laden municipal model: applications
/// with properties, GEMMA reference components, functions, data objects, access, views.
fn large_exchange_file(path: &Path) {
    use std::fmt::Write;
    let (apps, objects, functions) = (13_500, 4_000, 2_000);
    let mut x = String::with_capacity(17 << 20);
    x.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<model xmlns=\"http://www.opengroup.org/xsd/archimate/3.0/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" identifier=\"id-big\">\n  <name xml:lang=\"nl\">Groot</name>\n  <elements>\n");
    let el = |x: &mut String, id: &str, t: &str, name: &str, props: &[(&str, &str)]| {
        write!(x, "    <element identifier=\"{id}\" xsi:type=\"{t}\">\n      <name xml:lang=\"nl\">{name}</name>\n      <documentation xml:lang=\"nl\">Beschrijving van {name}, lang genoeg om op een echte beschrijving te lijken.</documentation>\n      <properties>\n").unwrap();
        for (p, v) in props {
            writeln!(x, "        <property propertyDefinitionRef=\"{p}\"><value xml:lang=\"nl\">{v}</value></property>").unwrap();
        }
        x.push_str("      </properties>\n    </element>\n");
    };
    el(
        &mut x,
        "id-gemma-zrc",
        "ApplicationComponent",
        "Zaakregistratiecomponent",
        &[
            ("p-type", "Referentiecomponent"),
            ("p-oid", "a97b6545-d5a7-485d-9b13-3ce22db5b9cf"),
        ],
    );
    for i in 0..apps {
        el(
            &mut x,
            &format!("id-app-{i}"),
            "ApplicationComponent",
            &format!("Applicatie {i}"),
            &[
                ("p-lev", "Leverancier BV"),
                ("p-cmdb", &format!("CI-{i:06}")),
                ("p-lic", "EUPL-1.2"),
            ],
        );
    }
    for i in 0..objects {
        el(
            &mut x,
            &format!("id-obj-{i}"),
            "DataObject",
            &format!("Gegeven {i}"),
            &[("p-cmdb", "x")],
        );
    }
    for i in 0..functions {
        el(
            &mut x,
            &format!("id-bf-{i}"),
            "BusinessFunction",
            &format!("Functie {i}"),
            &[],
        );
    }
    x.push_str("  </elements>\n  <relationships>\n");
    for i in 0..apps {
        let o = i % objects;
        let access = if i < objects { "Write" } else { "Read" };
        write!(x, "    <relationship identifier=\"r-a-{i}\" xsi:type=\"Access\" source=\"id-app-{i}\" target=\"id-obj-{o}\" accessType=\"{access}\"/>\n    <relationship identifier=\"r-s-{i}\" xsi:type=\"Serving\" source=\"id-app-{i}\" target=\"id-bf-{}\"/>\n    <relationship identifier=\"r-r-{i}\" xsi:type=\"Realization\" source=\"id-app-{i}\" target=\"id-gemma-zrc\"/>\n", i % functions).unwrap();
    }
    x.push_str("  </relationships>\n  <propertyDefinitions>\n");
    for (id, name) in [
        ("p-type", "GEMMA type"),
        ("p-oid", "Object ID"),
        ("p-lev", "supplier"),
        ("p-cmdb", "x-cmdb"),
        ("p-lic", "license"),
    ] {
        writeln!(x, "    <propertyDefinition identifier=\"{id}\" type=\"string\"><name>{name}</name></propertyDefinition>").unwrap();
    }
    x.push_str("  </propertyDefinitions>\n  <views>\n    <diagrams>\n");
    for v in 0..200 {
        write!(x, "      <view identifier=\"v-{v}\" xsi:type=\"Diagram\">\n        <name xml:lang=\"nl\">Plaat {v}</name>\n").unwrap();
        for n in 0..60 {
            writeln!(x, "        <node identifier=\"n-{v}-{n}\" xsi:type=\"Element\" elementRef=\"id-app-{}\" x=\"{}\" y=\"{}\" w=\"120\" h=\"55\"/>", (v * 60 + n) % apps, n * 10, v).unwrap();
        }
        x.push_str("      </view>\n");
    }
    x.push_str("    </diagrams>\n  </views>\n</model>\n");
    std::fs::write(path, x).unwrap();
}

/// Measures the import of a generated 15+ MB exchange file. Run it by hand, on a release build:
/// `cargo test --release --test import -- --ignored --nocapture large`. With
/// `GEMMALINT_LARGE_FILE=path` it only writes the file (for `/usr/bin/time -v`).
#[test]
#[ignore = "a measurement, run by hand"]
fn large_exchange_file_import() {
    let dir = tempfile::tempdir().unwrap();
    if let Some(path) = std::env::var_os("GEMMALINT_LARGE_FILE") {
        large_exchange_file(Path::new(&path));
        return;
    }
    let file = dir.path().join("groot.xml");
    large_exchange_file(&file);
    let size = std::fs::metadata(&file).unwrap().len();
    assert!(size > 15 * 1024 * 1024, "{size} bytes");
    let start = std::time::Instant::now();
    let run = gemmalint(dir.path(), &["import", "archimate", "groot.xml", "-o", "l"]);
    let took = start.elapsed();
    assert_eq!(run.code, 0, "{}", run.stdout);
    println!(
        "{} MB imported in {took:?}\n{}",
        size / 1_000_000,
        run.stdout
    );
    assert_loads_and_checks(dir.path(), "l");
}
