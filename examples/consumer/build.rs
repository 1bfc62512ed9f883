// Give this crate's binaries an rpath to the libtorch that detente was built against, so that
// they start without LD_LIBRARY_PATH. detente publishes the directory as `links` metadata.
fn main() {
    if let Ok(dir) = std::env::var("DEP_DETENTE_LIBTORCH_LIB") {
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
