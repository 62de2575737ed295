"""Shared plumbing of the end-to-end tests: the real tools they start and drive.

- MotoServer: moto_server (DynamoDB, CloudFormation, Application Auto Scaling emulator) on
  a free loopback port; `wait_ready()`, `reset()`, `stop()` (also at exit).
- start_dynalite(): dynalite (npm, tests/tools), a stricter DynamoDB emulator.
- AWS_ENV: the environment every AWS client here runs with (no credentials lookup, no pager).
- CfnLoader: a PyYAML loader for CloudFormation's short intrinsic tags (!Ref, !Sub, ...).
- TOOLS_DIR / node_bin() / HCLFMT: the pinned npm tools and hclfmt that run.sh installs.
"""

import atexit
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import yaml

# The console scripts installed next to this interpreter (aws, cfn-lint, moto_server) come first
# on PATH for every process a test starts, the generated scripts' `aws` calls included: pyenv's
# shims cost ~350 CPU-ms per call (perf stat: `aws --version` 890 ms through the shim, 540 ms
# direct), and the scripts call `aws` hundreds of times. Without pyenv this is /usr/bin, as before.
_INTERPRETER_BIN = os.path.dirname(sys.executable)
if os.access(os.path.join(_INTERPRETER_BIN, "aws"), os.X_OK) and \
        os.environ.get("PATH", "").split(os.pathsep)[0] != _INTERPRETER_BIN:
    os.environ["PATH"] = _INTERPRETER_BIN + os.pathsep + os.environ.get("PATH", "")

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
TOOLS_DIR = os.path.join(REPO, "tests", "tools")
HCLFMT = os.path.join(TOOLS_DIR, "bin", "hclfmt")

AWS_ENV = {
    "AWS_ACCESS_KEY_ID": "x",
    "AWS_SECRET_ACCESS_KEY": "x",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_REGION": "us-east-1",
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_PAGER": "",
}


# The template folders of `dynamodel templates list` that belong to a command, not to a
# `generate --target`: report/ (`report`), import/ (`import`), verify/ (`verify`), shell/
# (`completion`, `manpage`), init/ (`init`).
COMMAND_TEMPLATE_FOLDERS = frozenset({"report", "import", "verify", "shell", "init"})


def generate_targets(listed):
    """The `generate --target` names among the paths `dynamodel templates list` printed (a text
    of one path per line, or a list of them), sorted."""
    lines = listed.splitlines() if isinstance(listed, str) else listed
    return sorted({line.split("/")[0] for line in lines if "/" in line} - COMMAND_TEMPLATE_FOLDERS)


def node_bin(name):
    """A command installed by `npm ci` in tests/tools (tsc, dynalite, ...)."""
    return os.path.join(TOOLS_DIR, "node_modules", ".bin", name)


class CfnLoader(yaml.SafeLoader):
    """SafeLoader that turns !Ref, !Sub, !GetAtt, ... into their long forms."""


def _construct_cfn_tag(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_mapping(node, deep=True)
    if suffix == "Ref":
        return {"Ref": value}
    if suffix == "Condition":
        return {"Condition": value}
    if suffix == "GetAtt" and isinstance(value, str):
        value = value.split(".", 1)
    return {"Fn::" + suffix: value}


CfnLoader.add_multi_constructor("!", _construct_cfn_tag)


def sibling_tool(name):
    """The console script next to this interpreter (skips pyenv's slow shim),
    else the one on PATH."""
    candidate = os.path.join(os.path.dirname(sys.executable), name)
    if os.access(candidate, os.X_OK):
        return candidate
    return shutil.which(name) or name


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MotoServer:
    def __init__(self, check_signatures=False):
        """With check_signatures, moto answers its first 3 AWS calls without checking
        (INITIAL_NO_AUTH_ACTION_COUNT: spend them with iam_credentials()) and rejects a wrong
        signature after that. wait_ready() and reset() are not AWS calls and cost none."""
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        env = dict(os.environ, **AWS_ENV)
        if check_signatures:
            env["INITIAL_NO_AUTH_ACTION_COUNT"] = "3"
        # moto logs every request to stderr: into a file, never a pipe that nobody reads (once the
        # pipe's 64 KiB were full, moto blocked in write() and every later request hung).
        self.log = tempfile.TemporaryFile()
        self.proc = subprocess.Popen(
            [sibling_tool("moto_server"), "-H", "127.0.0.1", "-p", str(self.port)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=self.log,
            env=env)
        atexit.register(self.stop)

    def wait_ready(self, timeout=15.0):
        """Polls until the server answers; returns None or an error text."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                self.log.seek(0)
                err = self.log.read().decode(errors="replace")[-2000:]
                return f"moto_server exited with {self.proc.returncode}: {err}"
            try:
                req = urllib.request.Request(self.url + "/moto-api/reset", data=b"", method="POST")
                with urllib.request.urlopen(req, timeout=1) as resp:
                    if resp.status == 200:
                        return None
            except (urllib.error.URLError, ConnectionError, OSError):
                pass
            time.sleep(0.05)
        return f"moto_server did not answer on {self.url} within {timeout:.0f} s"

    def iam_credentials(self, user="e2e"):
        """Spends the 3 unchecked calls of a check_signatures server: an IAM user, an allow-all
        inline policy and an access key. Returns (access key id, secret)."""
        import boto3
        iam = boto3.client("iam", endpoint_url=self.url, region_name="us-east-1", aws_access_key_id="x",
                           aws_secret_access_key="x")
        iam.create_user(UserName=user)
        iam.put_user_policy(UserName=user, PolicyName="all", PolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}))
        key = iam.create_access_key(UserName=user)["AccessKey"]
        return key["AccessKeyId"], key["SecretAccessKey"]

    def reset(self):
        """Clears every table, stack and other state."""
        req = urllib.request.Request(self.url + "/moto-api/reset", data=b"", method="POST")
        with urllib.request.urlopen(req, timeout=10):
            pass

    def stop(self):
        proc = self.proc
        if proc is None:
            return
        self.proc = None
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        if proc.stderr:
            proc.stderr.close()


def signed_moto():
    """A ready MotoServer that checks signatures, and the environment of an AWS client signing
    with an IAM user's key on it: (server, env), or (None, error text) when moto did not start."""
    moto = MotoServer(check_signatures=True)
    error = moto.wait_ready()
    if error:
        moto.stop()
        return None, error
    key_id, secret = moto.iam_credentials()
    env = dict(os.environ, **AWS_ENV)
    env.update(AWS_ACCESS_KEY_ID=key_id, AWS_SECRET_ACCESS_KEY=secret)
    return moto, env


def start_dynalite(path=None):
    """Starts dynalite on a free port; returns (process, endpoint URL). Stop it with
    os.killpg(process.pid, signal.SIGTERM)."""
    path = path or node_bin("dynalite")
    port = free_port()
    proc = subprocess.Popen([path, "--host", "127.0.0.1", "--port", str(port), "--createTableMs", "0",
                             "--deleteTableMs", "0", "--updateTableMs", "0"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return proc, f"http://127.0.0.1:{port}"
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    os.killpg(proc.pid, signal.SIGTERM)
    raise RuntimeError("dynalite did not start")



def moto_deployable(body):
    """A table template as moto 5.2.1's CloudFormation can deploy it: without the DAX outputs
    (operations.dax), which end the template. moto has no AWS::DAX::* and answers an HTTP 500 to
    an output's GetAtt on one (tests/e2e/test_dax.py asserts it); its resources are skipped."""
    cut = body.find("\n  DaxClusterEndpoint:\n")
    return body if cut < 0 else body[:cut + 1]
