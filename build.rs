//! Compiles the built-in policy packs into the binary: every `rules/packs/<pack>/pack.toml`
//! is found here, so adding a pack needs no list to be edited.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest);
    let packs_dir = root.join("rules/packs");
    println!("cargo:rerun-if-changed={}", packs_dir.display());
    let mut packs: Vec<String> = std::fs::read_dir(&packs_dir)
        .expect("rules/packs exists")
        .filter_map(|entry| {
            let path = entry.expect("rules/packs can be read").path();
            path.join("pack.toml")
                .is_file()
                .then(|| path.file_name().unwrap().to_string_lossy().into_owned())
        })
        .collect();
    packs.sort();
    let mut out = String::from(
        "/// Every built-in pack: (name, text), by name.\npub const BUILTIN_PACKS: &[(&str, &str)] = &[\n",
    );
    for pack in &packs {
        let file = packs_dir.join(pack).join("pack.toml");
        println!("cargo:rerun-if-changed={}", file.display());
        writeln!(
            out,
            "    ({pack:?}, include_str!({:?})),",
            file.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("packs.rs");
    std::fs::write(target, out).expect("OUT_DIR can be written");
}
