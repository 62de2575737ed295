#!/usr/bin/env python3
"""Shell completions and the man page, generated from the command line definition
(`dynamodel completion bash|zsh|fish`, `dynamodel manpage`), checked by the shells and by groff:

- bash: the script passes `bash -n`, then completes for real (COMP_WORDS/COMP_CWORD set, the
  function called): the commands after `dynamodel `, validate's options after `validate --`,
  the choices of `--format` and of `--fail-on`, and files for a model argument;
- zsh: `zsh -n`, then in `zsh -f` the function is defined by sourcing the script with compinit;
- fish: `fish --no-execute`, then `complete -C 'dynamodel validate --format '` lists the formats
  (fish's own completion engine);
- the man page: `groff -man -ww -z` without a warning, and `man -l` renders every command.
Every command of `dynamodel --help` appears in each. Ends with `N passed, M failed`.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok   " if ok else "FAIL ") + name + ("" if ok else f": {detail}"))
    return ok


def sh(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60, **kw)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--dynamodel", required=True)
    binary = os.path.abspath(ap.parse_args().dynamodel)
    help_text = sh([binary, "--help"]).stdout
    commands = re.findall(r"^  ([a-z]+)\s", help_text.split("SUBCOMMANDS:")[-1], re.M)
    check("--help lists the commands", len(commands) >= 15, help_text[-800:])
    with tempfile.TemporaryDirectory() as tmp:
        scripts = {}
        for shell in ("bash", "zsh", "fish"):
            p = sh([binary, "completion", shell])
            scripts[shell] = os.path.join(tmp, "dynamodel." + shell)
            with open(scripts[shell], "w", encoding="utf-8") as f:
                f.write(p.stdout)
            check(f"completion {shell}: exit 0, every command named",
                  p.returncode == 0 and all(c in p.stdout for c in commands),
                  [c for c in commands if c not in p.stdout])
        p = sh([binary, "completion", "tcsh"])
        check("completion tcsh: usage error", p.returncode == 2, p.stderr)

        # bash, for real.
        p = sh(["bash", "-n", scripts["bash"]])
        check("bash -n", p.returncode == 0, p.stderr)
        open(os.path.join(tmp, "model.yaml"), "w").close()

        def complete(*words):
            line = " ".join(words)
            script = (f"source {scripts['bash']}\nCOMP_WORDS=({line})\nCOMP_CWORD={len(words) - 1}\n"
                      "_dynamodel\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
            return sh(["bash", "-c", script], cwd=tmp).stdout.split()

        got = complete("dynamodel", "''")
        check("bash: the commands after `dynamodel `", set(commands) <= set(got), got)
        got = complete("dynamodel", "val")
        check("bash: `dynamodel val` -> validate", got == ["validate"], got)
        got = complete("dynamodel", "validate", "--")
        check("bash: validate's options", {"--format", "--fail-on", "--select", "--baseline", "--output"} <= set(got),
              got)
        got = complete("dynamodel", "validate", "--format", "''")
        check("bash: --format's choices", set(got) == {"text", "json", "sarif", "github", "gitlab", "junit",
                                                      "checkstyle"}, got)
        got = complete("dynamodel", "--color", "''")
        check("bash: --color's choices", set(got) == {"auto", "always", "never"}, got)
        got = complete("dynamodel", "validate", "mod")
        check("bash: a model file", got == ["model.yaml"], got)
        got = complete("dynamodel", "templates", "''")
        check("bash: templates' own subcommands", set(got) == {"list", "export"}, got)

        # zsh.
        if check("zsh installed", shutil.which("zsh") is not None, "apt-get install zsh"):
            p = sh(["zsh", "-n", scripts["zsh"]])
            check("zsh -n", p.returncode == 0, p.stderr)
            p = sh(["zsh", "-f", "-c", f"autoload -U compinit && compinit -u -D; source {scripts['zsh']} 2>/dev/null; "
                    "whence -w _dynamodel"])
            check("zsh: _dynamodel defined", "_dynamodel: function" in p.stdout, p.stdout + p.stderr)
        # fish, with its own completion engine.
        if check("fish installed", shutil.which("fish") is not None, "apt-get install fish"):
            p = sh(["fish", "--no-execute", scripts["fish"]])
            check("fish --no-execute", p.returncode == 0, p.stderr)
            p = sh(["fish", "--no-config", "-c", f"source {scripts['fish']}; complete -C 'dynamodel validate --format '"])
            got = {line.split("\t")[0] for line in p.stdout.splitlines()}
            check("fish: `dynamodel validate --format ` offers the formats", {"json", "sarif", "junit"} <= got,
                  p.stdout + p.stderr)
            p = sh(["fish", "--no-config", "-c", f"source {scripts['fish']}; complete -C 'dynamodel '"])
            got = {line.split("\t")[0] for line in p.stdout.splitlines()}
            check("fish: the commands", set(commands) <= got, sorted(got))

        # The man page.
        p = sh([binary, "manpage"])
        page = os.path.join(tmp, "dynamodel.1")
        with open(page, "w", encoding="utf-8") as f:
            f.write(p.stdout)
        g = sh(["groff", "-man", "-Tutf8", "-ww", "-z", page])
        check("manpage: groff -man -ww without a warning", p.returncode == 0 and g.returncode == 0 and not g.stderr,
              g.stderr)
        m = sh(["man", "-l", page], env=dict(os.environ, MANWIDTH="100", MAN_KEEP_FORMATTING="0"))
        text = re.sub(r".\x08", "", m.stdout)
        check("manpage: every command has its section", all(f"dynamodel {c}" in text for c in commands),
              [c for c in commands if f"dynamodel {c}" not in text])
        check("manpage: options and exit status", "--fail-on" in text and "EXIT STATUS" in text and
              "Exit codes" in text, text[:500])
    failed = results.count(False)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
