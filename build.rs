//! torch-sys links libtorch but gives the final binaries no rpath; emit one so that examples,
//! tests and benches find `third_party/libtorch/lib` (or `$LIBTORCH/lib`) without LD_LIBRARY_PATH.
//!
//! `rustc-link-arg` reaches only this package's own targets, never a dependent's binaries, so
//! the same directory is also published as `links` metadata: a dependent crate's build script
//! reads `DEP_DETENTE_LIBTORCH_LIB` and emits the rpath for its own binaries (README, "Use
//! detente from your crate"; examples/consumer/build.rs).
fn main() {
    println!("cargo:rerun-if-env-changed=LIBTORCH");
    if std::env::var_os("CARGO_FEATURE_TRANSFORMER").is_none() {
        return;
    }
    let manifest =
        std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let libtorch = match std::env::var_os("LIBTORCH") {
        Some(p) => {
            let p = std::path::PathBuf::from(p);
            if p.is_absolute() {
                p
            } else {
                manifest.join(p)
            }
        }
        None => manifest.join("third_party").join("libtorch"),
    };
    let lib = libtorch.join("lib");
    println!("cargo:rustc-link-arg=-Wl,-rpath,{}", lib.display());
    println!("cargo:libtorch_lib={}", lib.display());
}
