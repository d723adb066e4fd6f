//! Compiles every `tests/c/*.c` program against the C header and runs it,
//! linked once against the staticlib and once against the cdylib, then again
//! under valgrind with the standard `--leak-check=full --error-exitcode=…`
//! (0 errors, no definite or possible leaks).
//!
//! The library is its own crate (`bindings/ffi`, a `cdylib` + `staticlib`
//! with no rlib), which `cargo test` does not link into test executables:
//! the first test to need it runs `cargo build -p cloudphone-ffi` (all
//! features, this test's profile and target directory; cargo has released
//! its build lock by the time tests run) and uses `target/<profile>/`.
//!
//! Each program gets the response fixtures directory
//! (`tests/fixtures/responses`) as its one argument; programs that read no
//! fixture ignore it.
//!
//! valgrind is skipped when it is not installed, unless `CI` is set, where
//! its absence fails the test. A C compiler (`cc`, or `$CC`) is required.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `target/<profile>`, after building the C library there (once per test
/// process).
/// The SONAME `build.rs` gave the shared library (ELF), read back with
/// readelf; `None` elsewhere.
fn soname(lib: &Path) -> Option<String> {
    let out = Command::new("readelf").arg("-d").arg(lib).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let line = text.lines().find(|l| l.contains("(SONAME)"))?;
    let start = line.find('[')? + 1;
    let end = line.rfind(']')?;
    Some(line[start..end].to_owned())
}

/// A program linked with `-lcloudphone` asks the loader for the SONAME,
/// which cargo does not create: link it to the library it built (what the
/// install step does with a real file).
fn soname_link(dir: &Path) {
    #[cfg(target_os = "linux")]
    {
        let lib = dir.join("libcloudphone.so");
        let name = soname(&lib).expect("the shared library has a SONAME");
        assert!(
            name.starts_with("libcloudphone.so."),
            "unexpected SONAME {name}"
        );
        let link = dir.join(&name);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink("libcloudphone.so", &link).expect("linking the SONAME");
    }
    #[cfg(not(target_os = "linux"))]
    let _ = (dir, soname);
}

fn deps_dir() -> PathBuf {
    static BUILT: std::sync::OnceLock<PathBuf> = std::sync::OnceLock::new();
    BUILT
        .get_or_init(|| {
            let exe = std::env::current_exe().expect("current_exe");
            // target/<profile>/deps/<test exe>
            let profile_dir = exe
                .parent()
                .and_then(Path::parent)
                .expect("the test executable lives in target/<profile>/deps")
                .to_path_buf();
            let target_dir = profile_dir.parent().expect("target/<profile>");
            let profile = profile_dir
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let mut cmd = Command::new(env!("CARGO"));
            cmd.current_dir(root())
                .args(["build", "--quiet", "-p", "cloudphone-ffi", "--all-features"])
                .arg("--target-dir")
                .arg(target_dir);
            if profile != "debug" {
                cmd.args(["--profile", &profile]);
            }
            run_checked("building the C library", &mut cmd);
            soname_link(&profile_dir);
            assert!(
                profile_dir.join(static_lib_name()).exists(),
                "{} not found in {}",
                static_lib_name(),
                profile_dir.display()
            );
            profile_dir
        })
        .clone()
}

fn static_lib_name() -> &'static str {
    if cfg!(windows) {
        "cloudphone.lib"
    } else {
        "libcloudphone.a"
    }
}

/// What a C program linking the staticlib needs on this OS (what
/// `rustc --print native-static-libs` reports).
fn native_static_libs() -> &'static [&'static str] {
    if cfg!(target_os = "macos") {
        &[
            "-framework",
            "CoreFoundation",
            "-framework",
            "Security",
            "-liconv",
            "-lSystem",
            "-lc",
            "-lm",
        ]
    } else if cfg!(target_os = "linux") {
        &[
            "-lgcc_s",
            "-lutil",
            "-lrt",
            "-lpthread",
            "-lm",
            "-ldl",
            "-lc",
        ]
    } else {
        &["-lpthread", "-lm"]
    }
}

fn cc() -> String {
    std::env::var("CC").unwrap_or_else(|_| "cc".to_owned())
}

fn have(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn c_sources() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/c"))
        .expect("tests/c exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "c"))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no C tests found in tests/c");
    v
}

fn fixtures_dir() -> PathBuf {
    root().join("tests/fixtures/responses")
}

fn out_dir() -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("c_api");
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn run_checked(what: &str, cmd: &mut Command) -> Output {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("{what}: cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{what} failed ({}):\n--- stdout\n{}\n--- stderr\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[derive(Clone, Copy, Debug)]
enum Link {
    Static,
    Dynamic,
}

/// Compiles `src` as strict C11 and links it against the library.
/// `tag` keeps the executables of tests running in parallel apart.
fn compile(src: &Path, link: Link, tag: &str) -> PathBuf {
    let deps = deps_dir();
    let stem = src.file_stem().unwrap().to_string_lossy();
    let exe = out_dir().join(format!("{stem}-{link:?}-{tag}").to_lowercase());
    let mut cmd = Command::new(cc());
    cmd.args([
        "-std=c11",
        "-Wall",
        "-Wextra",
        "-Werror",
        "-pedantic",
        "-g",
        "-O1",
    ])
    .arg(format!("-I{}", root().join("include").display()))
    .arg(src)
    .arg("-o")
    .arg(&exe);
    match link {
        Link::Static => {
            cmd.arg(deps.join(static_lib_name()));
            cmd.args(native_static_libs());
        }
        Link::Dynamic => {
            cmd.arg(format!("-L{}", deps.display()))
                .arg("-lcloudphone")
                .arg("-lpthread")
                .arg(format!("-Wl,-rpath,{}", deps.display()));
        }
    }
    run_checked(&format!("compiling {stem} ({link:?})"), &mut cmd);
    exe
}

/// A command running `program` with the loader looking in `deps` first:
/// `cargo test` puts `target/<profile>` on `LD_LIBRARY_PATH`, which outranks
/// the program's RUNPATH, and a `libcloudphone.so` left there by an earlier
/// `cargo build` (other features, older code) would otherwise be the one
/// loaded — a stale library missing newer exports.
fn program(program: impl AsRef<std::ffi::OsStr>) -> Command {
    let mut cmd = Command::new(program);
    let deps = deps_dir();
    cmd.env("LD_LIBRARY_PATH", &deps)
        .env("DYLD_LIBRARY_PATH", &deps);
    cmd
}

fn run_all(link: Link) {
    assert!(have(&cc()), "a C compiler ({}) is required", cc());
    for src in c_sources() {
        let exe = compile(&src, link, "run");
        let out = run_checked(
            &format!("running {}", exe.display()),
            program(&exe).arg(fixtures_dir()),
        );
        eprint!("{}", String::from_utf8_lossy(&out.stdout));
    }
}

#[test]
fn c_tests_pass_against_the_staticlib() {
    run_all(Link::Static);
}

#[test]
fn c_tests_pass_against_the_cdylib() {
    run_all(Link::Dynamic);
}

#[test]
fn c_tests_are_clean_under_valgrind() {
    if !have("valgrind") {
        assert!(
            std::env::var_os("CI").is_none(),
            "valgrind is required when CI is set"
        );
        eprintln!("skipping: valgrind not installed");
        return;
    }
    for src in c_sources() {
        for link in [Link::Static, Link::Dynamic] {
            let vg_exe = compile(&src, link, "valgrind");
            let exe_name = vg_exe.file_name().unwrap().to_string_lossy().into_owned();
            let out = run_checked(
                &format!("valgrind {}", vg_exe.display()),
                program("valgrind")
                    // The standard invocation a host runs: every leak
                    // kind valgrind counts as an error (definite and
                    // possible) fails.
                    .args(["--leak-check=full", "--error-exitcode=99", "-q"])
                    .arg(&vg_exe)
                    .arg(fixtures_dir()),
            );
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                !stderr.contains(" lost") && !stderr.contains("Invalid "),
                "valgrind reported problems for {exe_name}:\n{stderr}"
            );
        }
    }
}
