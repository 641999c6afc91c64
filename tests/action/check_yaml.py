#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Reads contrib/github/action.yml and the example workflow with PyYAML and
checks they say what the action promises: the inputs, a composite action
whose steps key, cache, install, build, run the script and upload the
reports; a workflow with the two uses of upstream issue #4906.
usage: check_yaml.py contrib/github"""
import re
import sys

import yaml

INPUTS = {"csv", "command", "title", "args", "max-chars", "fail-on-regression",
          "comment", "comment-id", "pull-request", "artifact-name",
          "output-dir", "github-token"}
problems = []


def need(cond, what):
    if not cond:
        problems.append(what)


def load(path):
    with open(path, encoding="utf-8") as f:
        return yaml.safe_load(f)


def check_action(d):
    need(set(d.get("inputs", {})) == INPUTS,
         f"inputs {sorted(d.get('inputs', {}))}, expected {sorted(INPUTS)}")
    need(d["inputs"]["csv"].get("required") is True, "input csv not required")
    for name, spec in d["inputs"].items():
        need("description" in spec, f"input {name} has no description")
        need(name == "csv" or isinstance(spec.get("default"), str),
             f"input {name}: its default is not a string")
    need(d["inputs"]["fail-on-regression"]["default"] == "false",
         "the regression gate is on by default")
    need(d["inputs"]["max-chars"]["default"] == "65000", "max-chars is not 65000")
    runs = d["runs"]
    need(runs["using"] == "composite", "not a composite action")
    steps = runs["steps"]
    uses = [s["uses"] for s in steps if "uses" in s]
    need("actions/cache@v4" in uses, "no actions/cache step")
    need("actions/upload-artifact@v4" in uses, "no actions/upload-artifact step")
    script = [s.get("run", "") for s in steps]
    for sub in ("key", "deps", "build", "run"):
        need(any(r == f'"$GITHUB_ACTION_PATH/igreport-action.sh" {sub}'
                 for r in script), f"no step runs igreport-action.sh {sub}")
    for s in steps:
        if "run" in s:
            need(s.get("shell") == "bash", f"step {s.get('name')}: no shell")
        # Inputs reach the script through env, never pasted into its code.
        need("${{" not in s.get("run", ""), f"step {s.get('name')}: an expression in run")
    by_id = {s.get("id"): s for s in steps}
    cache = by_id["cache"]
    need(cache["with"]["key"] == "${{ steps.key.outputs.key }}", "cache key is not the commit key")
    build = next(s for s in steps if s.get("run", "").endswith(" build"))
    need(build.get("if") == "steps.cache.outputs.cache-hit != 'true'",
         "the build does not depend on the cache")
    run_env = by_id["run"]["env"]
    for name in INPUTS - {"github-token"}:
        var = "INPUT_" + name.upper().replace("-", "_")
        need(run_env.get(var) == "${{ inputs.%s }}" % name, f"{var} is not inputs.{name}")
    need(run_env.get("GH_TOKEN") == "${{ inputs.github-token }}", "GH_TOKEN is not the token")
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    need("always()" in upload.get("if", ""), "reports not uploaded after a regression")
    need("*.pdf" in upload["with"]["path"] and "*.html" in upload["with"]["path"],
         "the PDF and HTML are not uploaded")


def check_workflow(d):
    # YAML 1.1 reads the key "on" as True.
    on = d.get("on", d.get(True))
    need(on is not None and on.get("release", {}).get("types") == ["published"],
         "the workflow does not run on published releases")
    need("pull_request" in (on or {}), "the workflow does not run on pull requests")
    jobs = d["jobs"]
    need(set(jobs) == {"release", "pull-request"}, f"jobs {sorted(jobs)}")
    need(d["permissions"].get("pull-requests") == "write", "no pull-requests: write")
    for name, job in jobs.items():
        need("self-hosted" in job["runs-on"], f"job {name} not on the self-hosted runner")
        act = [s for s in job["steps"] if s.get("uses", "").endswith("/contrib/github@main")]
        need(len(act) == 1, f"job {name} does not use the action once")
        if act:
            # Each expression stands for one word, as GitHub expands it.
            files = re.sub(r"\$\{\{.*?\}\}", "X", act[0]["with"]["csv"]).split()
            need(len(files) == 2, f"job {name} does not compare two CSVs")
    pr = jobs["pull-request"]
    need("performance" in pr["if"] and "head.repo.full_name" in pr["if"],
         "pull-request job not limited to labelled, same-repository PRs")
    gate = [s for s in pr["steps"] if "with" in s and "fail-on-regression" in s["with"]]
    need(gate and gate[0]["with"]["fail-on-regression"] == "true",
         "pull-request job does not gate on regressions")


def main():
    root = sys.argv[1]
    check_action(load(f"{root}/action.yml"))
    check_workflow(load(f"{root}/benchmarks-workflow.yml"))
    for p in problems:
        print(f"check_yaml: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
