//! The shared library's SONAME on ELF systems other than Android:
//! `libcloudphone.so.<ABI>`, the ABI version being `0.<minor>` while the
//! crate is 0.x (Cargo's rule: every 0.x minor may break) and `<major>`
//! from 1.0. A program linked against it records that name, so an
//! incompatible release installs beside it instead of replacing it; the
//! install step (`bindings/c/install.sh`) names the file by its SONAME with
//! a `libcloudphone.so` link for `-lcloudphone`. Android keeps the plain
//! name its app packaging expects; Apple and Windows have their own
//! install names.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let family = std::env::var("CARGO_CFG_TARGET_FAMILY").unwrap_or_default();
    let apple = matches!(
        os.as_str(),
        "macos" | "ios" | "tvos" | "watchos" | "visionos"
    );
    if family != "unix" || os == "android" || apple {
        return;
    }
    let major = std::env::var("CARGO_PKG_VERSION_MAJOR").unwrap_or_else(|_| "0".into());
    let minor = std::env::var("CARGO_PKG_VERSION_MINOR").unwrap_or_else(|_| "0".into());
    let abi = if major == "0" {
        format!("0.{minor}")
    } else {
        major
    };
    println!("cargo:rustc-cdylib-link-arg=-Wl,-soname,libcloudphone.so.{abi}");
}
