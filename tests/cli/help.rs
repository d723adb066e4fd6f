//! The help of every verb, as a person sees it: `cloudphone … --help` for
//! the whole tree of subcommands (found by reading each help's "Commands:"
//! list), one snapshot per top-level command. A changed flag, default or
//! description shows up here for review; a verb without a description, or
//! a help that does not exit 0, fails.

use super::{cloudphone, run};

/// The subcommands a help text lists (without `help`).
fn subcommands(help: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_list = false;
    for line in help.lines() {
        if line == "Commands:" {
            in_list = true;
            continue;
        }
        if in_list {
            if !line.starts_with("  ") {
                break;
            }
            let mut words = line.split_whitespace();
            let name = words.next().unwrap_or_default().to_owned();
            if name == "help" {
                continue;
            }
            assert!(
                words.next().is_some(),
                "subcommand {name} has no description:\n{help}"
            );
            out.push(name);
        }
    }
    out
}

/// `path`'s help and every help below it, each under a `$ cloudphone … --help` line.
fn tree(path: &mut Vec<String>, out: &mut String, verbs: &mut usize) {
    let (code, help, err) = run(cloudphone().args(path.iter()).arg("--help"));
    assert_eq!(code, 0, "{path:?} --help: {err}");
    out.push_str(&format!("$ cloudphone {} --help\n", path.join(" ")).replace("  ", " "));
    out.push_str(&help);
    out.push('\n');
    *verbs += 1;
    for sub in subcommands(&help) {
        path.push(sub);
        tree(path, out, verbs);
        path.pop();
    }
}

#[test]
fn the_help_of_every_verb() {
    let (code, top, _) = run(cloudphone().arg("--help"));
    assert_eq!(code, 0);
    let mut verbs = 1;
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
        insta::assert_snapshot!("cli_help__cloudphone", top);
    });
    for sub in subcommands(&top) {
        let mut text = String::new();
        tree(&mut vec![sub.clone()], &mut text, &mut verbs);
        insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
            insta::assert_snapshot!(format!("cli_help__{sub}"), text);
        });
    }
    assert!(verbs > 50, "only {verbs} helps read");
}

/// `cloudphone completions <shell>` prints a script that knows the verbs,
/// for every shell clap_complete supports; an unknown shell is a usage error.
#[test]
fn completion_scripts_know_the_verbs() {
    for (shell, marker) in [
        ("bash", "complete -F _cloudphone"),
        ("zsh", "#compdef cloudphone"),
        ("fish", "complete -c cloudphone"),
        ("elvish", "cloudphone"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let (code, script, err) = run(cloudphone().args(["completions", shell]));
        assert_eq!(code, 0, "{shell}: {err}");
        assert!(script.contains(marker), "{shell}: no {marker:?}");
        for verb in ["geelark", "huawei", "screenshot", "wait-tasks"] {
            assert!(script.contains(verb), "{shell}: no {verb}");
        }
    }
    let (code, _, err) = run(cloudphone().args(["completions", "tcsh"]));
    assert_eq!(code, 2, "{err}");
}
