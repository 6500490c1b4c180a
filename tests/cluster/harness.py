"""The portal as several app nodes on one machine, laid out as docs/deploy.md describes.

`Cluster` starts, in order: an S3-compatible object store (moto's server), a PostgreSQL database
of its own (migrated, with the demo content and what `seed.py` adds), one task worker, N gunicorn
nodes under production settings and nginx (Debian's) with deploy/nginx.conf, changed only where a
test machine differs: the nodes' addresses, loopback ports, a throwaway certificate. Every process
gets the same settings (Redis, the object store, the database); each node gets a MEDIA_ROOT of its
own, so nothing a node keeps on its disk could be seen by another.

Used by the cluster tests (tests/cluster) and `make bench` (benchmarks/bench_cluster.py).
"""

import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
NGINX = "/usr/sbin/nginx"
HOST = "localhost"  # what the proxy passes on as Host, as on port 443 in production
ORIGIN = f"https://{HOST}"
BUCKET = "portal-media"
S3_KEYS = {"MEDIA_S3_ACCESS_KEY_ID": "cluster", "MEDIA_S3_SECRET_ACCESS_KEY": "cluster-secret"}
START_SECONDS = 60


class ClusterError(RuntimeError):
    pass


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check, what, process=None, seconds=START_SECONDS):
    deadline = time.monotonic() + seconds
    while True:
        try:
            if check():
                return
        except OSError:
            pass
        if process is not None and process.poll() is not None:
            raise ClusterError(f"{what}: the process ended with {process.returncode}")
        if time.monotonic() > deadline:
            raise ClusterError(f"{what}: no answer within {seconds} s")
        time.sleep(0.2)


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self):
        return self.body.decode("utf-8", "replace")

    def form_token(self):
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', self.text)
        if match is None:
            raise AssertionError(f"no CSRF token in the page ({self.status})")
        return match[1]


@dataclass
class Address:
    """Where a request goes: a node directly (plain HTTP, with the headers nginx would add) or
    the proxy (HTTPS, checked against the cluster's own certificate)."""

    port: int
    tls: ssl.SSLContext | None = None
    extra: dict = field(default_factory=dict)

    def connection(self, timeout):
        if self.tls is not None:
            return http.client.HTTPSConnection(
                "127.0.0.1", self.port, context=self.tls, timeout=timeout
            )
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)


class Visitor:
    """One person with a browser's cookie jar, who may reach any node or the proxy. `address`:
    where they come from, as the proxy reports it to a node (X-Forwarded-For)."""

    def __init__(self, cookies=None, address=None):
        self.cookies = dict(cookies or {})
        self.headers = {"X-Forwarded-For": address} if address else {}

    def request(self, address, method, path, *, form=None, files=None, headers=None, timeout=30):
        body, sent = None, {"Host": HOST, **address.extra, **self.headers, **(headers or {})}
        if files:
            body, sent["Content-Type"] = multipart(form or {}, files)
        elif form is not None:
            body = urlencode(form, doseq=True).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        if method == "POST":
            sent.setdefault("Origin", ORIGIN)
            sent.setdefault("Referer", ORIGIN + path)
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        connection = address.connection(timeout)
        try:
            connection.request(method, path, body=body, headers=sent)
            answer = connection.getresponse()
            response = Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, value = header.split(";", 1)[0].split("=", 1)
            if value in ('""', "") or "max-age=0" in header.lower():
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        return response

    def get(self, address, path, **kwargs):
        return self.request(address, "GET", path, **kwargs)

    def post(self, address, path, form, **kwargs):
        return self.request(address, "POST", path, form=form, **kwargs)

    def submit(self, address, path, form=None, *, files=None, page=None):
        """POST `form` (plus the CSRF token of the page at `page`, or `path`) to `path`."""
        token = self.get(address, page or path).form_token()
        return self.request(
            address, "POST", path, form={"csrfmiddlewaretoken": token, **(form or {})}, files=files
        )


def multipart(fields, files):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(head.encode() + str(value).encode() + b"\r\n")
    for name, (filename, content, content_type) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {content_type}\r\n\r\n'
        )
        parts.append(head.encode() + content + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def postgres_admin(database_url):
    """A connection to the server's maintenance database, for CREATE/DROP DATABASE."""
    import psycopg

    parts = urlsplit(database_url)
    return psycopg.connect(
        host=parts.hostname,
        port=parts.port or 5432,
        user=parts.username or "postgres",
        password=parts.password,
        dbname="postgres",
        autocommit=True,
    )


class Cluster:
    """Start with `with Cluster(workdir, nodes=2) as cluster:`; `cluster.proxy` and
    `cluster.node(i)` are addresses, `cluster.seeded` what seed.py made, `cluster.manage(...)` runs
    a management command against the same database and services."""

    def __init__(
        self,
        workdir,
        *,
        nodes=2,
        workers_per_node=2,
        postgres="postgres://postgres@127.0.0.1:5432/postgres",
        redis="redis://127.0.0.1:6379/9",
        voters=20,
        demo=False,
    ):
        self.workdir = Path(workdir)
        self.node_count = nodes
        self.workers_per_node = workers_per_node
        self.voters = voters
        self.demo = demo
        self.database = f"portal_cluster_{os.getpid()}_{secrets.token_hex(3)}"
        self.database_url = urlsplit(postgres)._replace(path="/" + self.database).geturl()
        self.postgres_url = postgres
        self.redis = redis
        self.processes = {}
        self.nodes = []
        self.seeded = {}

    # --- start and stop ---------------------------------------------------------------------

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc):
        self.stop()

    def start(self):
        self.workdir.mkdir(parents=True, exist_ok=True)
        self._start_object_store()
        self._create_database()
        self.env = self._environment()
        collecting = self._start(
            "collectstatic", self._manage_command("collectstatic", "--noinput")
        )
        self.manage("migrate", "--noinput")
        if self.demo:
            self.manage("load_demo")
        if collecting.wait():
            raise ClusterError("collectstatic failed:\n" + self.log("collectstatic"))
        self.seeded = json.loads(self.python("-m", "tests.cluster.seed", str(self.voters)))
        self._clear_redis()
        worker = ("db_worker", "--backend", "scheduled", "--queue-name", "*", "--no-reload")
        self._start("worker", self._manage_command(*worker))
        for index in range(self.node_count):
            self.start_node(index)
        self._start_proxy()

    def stop(self):
        for name in reversed(list(self.processes)):
            self.stop_process(name)
        if getattr(self, "_database_created", False):
            with postgres_admin(self.postgres_url) as connection:
                connection.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
            self._database_created = False

    def stop_process(self, name, sig=signal.SIGTERM, wait=30):
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        process.send_signal(sig)
        try:
            process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()

    def _start(self, name, command, env=None):
        log = open(self.workdir / f"{name}.log", "ab")  # noqa: SIM115 (closed with the process)
        process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env or self.env, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        self.processes[name] = process
        return process

    def sql(self, query, *params):
        """The rows of `query` on the cluster's database."""
        import psycopg

        with psycopg.connect(self.database_url) as connection:
            return connection.execute(query, params or None).fetchall()

    def wait_for_worker(self, seconds=600):
        """Return once the task worker has run every task that is due (the demo's images queue
        their renditions; each one made changes what pages show, so pages are rendered again)."""
        wait_until(
            lambda: (
                not self.sql(
                    "SELECT 1 FROM django_tasks_database_dbtaskresult "
                    "WHERE status IN ('READY', 'RUNNING') "
                    # A task due at once has the largest date as its run_after.
                    "AND (run_after <= now() OR run_after >= '9999-01-01')"
                )
            ),
            "the task worker",
            self.processes["worker"],
            seconds,
        )

    def votes_of(self, sessions):
        """{session key: votes its voter has in the database} for seeded voters' sessions."""
        ids = self.seeded["voter_ids"]
        counts = dict(
            self.sql(
                "SELECT voter_id, count(*) FROM contest_vote WHERE voter_id = ANY(%s) "
                "GROUP BY voter_id",
                [ids[session] for session in sessions],
            )
        )
        return {session: counts.get(ids[session], 0) for session in sessions}

    def proxy_errors(self):
        path = self.workdir / "nginx" / "error.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def log(self, name):
        path = self.workdir / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # --- the services -----------------------------------------------------------------------

    def _start_object_store(self):
        port = free_port()
        self.s3_url = f"http://127.0.0.1:{port}"
        store = self._start(
            "object-store",
            [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
            env={**os.environ, "MOTO_ALLOW_NONEXISTENT_REGION": "1"},
        )
        wait_until(lambda: self._s3_answers(port), "moto", store)
        import boto3

        s3 = boto3.client(
            "s3",
            endpoint_url=self.s3_url,
            region_name="us-east-1",
            aws_access_key_id=S3_KEYS["MEDIA_S3_ACCESS_KEY_ID"],
            aws_secret_access_key=S3_KEYS["MEDIA_S3_SECRET_ACCESS_KEY"],
        )
        s3.create_bucket(Bucket=BUCKET)
        # As deployed: renditions public, originals and documents private.
        policy = (ROOT / "deploy" / "bucket-policy.json").read_text()
        s3.put_bucket_policy(Bucket=BUCKET, Policy=policy.replace("portal-media", BUCKET))

    @staticmethod
    def _s3_answers(port):
        connection = Address(port).connection(2)
        try:
            connection.request("GET", "/")
            return connection.getresponse().status == 200
        finally:
            connection.close()

    def _create_database(self):
        with postgres_admin(self.postgres_url) as connection:
            connection.execute(f'CREATE DATABASE "{self.database}"')
        self._database_created = True

    def _clear_redis(self):
        import redis

        redis.Redis.from_url(self.redis).flushdb()

    def _environment(self):
        return {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "portal.settings.production",
            "SECRET_KEY": "cluster-" + secrets.token_hex(32),
            "ALLOWED_HOSTS": HOST,
            "PUBLIC_BASE_URL": ORIGIN,
            "DATABASE_URL": self.database_url,
            "REDIS_URL": self.redis,
            "MEDIA_S3_BUCKET": BUCKET,
            "MEDIA_S3_ENDPOINT_URL": self.s3_url,
            "MEDIA_S3_REGION": "us-east-1",
            **S3_KEYS,
            "MEDIA_ROOT": str(self.workdir / "media-setup"),
            "STATIC_ROOT": str(self.workdir / "static"),
            "TRUSTED_PROXIES": "1",
            "EMAIL_URL": "consolemail://",
            "LOG_LEVEL": "WARNING",
            "PYTHONUNBUFFERED": "1",
        }

    @staticmethod
    def _manage_command(*arguments):
        return [str(BIN / "python"), "manage.py", *arguments]

    def manage(self, *arguments):
        return self.python("manage.py", *arguments)

    def python(self, *arguments):
        done = subprocess.run(  # noqa: S603
            [str(BIN / "python"), *arguments], cwd=ROOT, env=self.env, capture_output=True
        )
        if done.returncode:
            raise ClusterError(f"{' '.join(arguments)} failed:\n{done.stderr.decode()[-4000:]}")
        return done.stdout.decode()

    # --- the app nodes ----------------------------------------------------------------------

    def media_root(self, index):
        return self.workdir / f"media-node-{index}"

    def start_node(self, index):
        """Start app node `index` (again, on its port, if it was stopped)."""
        if index < len(self.nodes):
            port = self.nodes[index].port
        else:
            port = free_port()
            self.nodes.append(Address(port, extra={"X-Forwarded-Proto": "https"}))
        metrics = self.workdir / f"metrics-node-{index}"
        shutil.rmtree(metrics, ignore_errors=True)
        metrics.mkdir()
        self.media_root(index).mkdir(exist_ok=True)
        env = {
            **self.env,
            "MEDIA_ROOT": str(self.media_root(index)),
            "PROMETHEUS_MULTIPROC_DIR": str(metrics),
        }
        command = [str(BIN / "gunicorn"), "portal.wsgi:application", "--bind",
                   f"127.0.0.1:{port}", "--workers", str(self.workers_per_node),
                   "--graceful-timeout", "30", "--no-control-socket",
                   "--access-logfile", str(self.workdir / f"access-node-{index}.log")]  # fmt: skip
        process = self._start(f"node-{index}", command, env)
        wait_until(lambda: self.healthy(self.nodes[index]), f"node {index}", process)

    def stop_node(self, index, sig=signal.SIGTERM):
        self.stop_process(f"node-{index}", sig)

    def node(self, index):
        return self.nodes[index]

    def healthy(self, address):
        connection = address.connection(5)
        try:
            connection.request("GET", "/healthz", headers={"Host": HOST})
            return connection.getresponse().status == 200
        finally:
            connection.close()

    def served_by(self, index):
        """How many requests node `index` has answered (its access log's lines)."""
        path = self.workdir / f"access-node-{index}.log"
        return len(path.read_text().splitlines()) if path.exists() else 0

    # --- the proxy --------------------------------------------------------------------------

    def _start_proxy(self):
        certificate, key = self.workdir / "proxy.pem", self.workdir / "proxy.key"
        command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1"]
        command += ["-subj", f"/CN={HOST}", "-addext", f"subjectAltName=DNS:{HOST},IP:127.0.0.1"]
        command += ["-keyout", str(key), "-out", str(certificate)]
        subprocess.run(command, check=True, capture_output=True)  # noqa: S603
        self._proxy_ports = free_port(), free_port()
        self._certificate = certificate, key
        self.nodes_out = set()
        prefix = self.workdir / "nginx"
        prefix.mkdir(exist_ok=True)
        self._write_proxy_site()
        (prefix / "nginx.conf").write_text(NGINX_MAIN.format(prefix=prefix, user=NGINX_USER))
        port = self._proxy_ports[0]
        command = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e",
                   str(prefix / "error.log"), "-g", "daemon off;"]  # fmt: skip
        test = subprocess.run([*command, "-t"], capture_output=True)  # noqa: S603
        if test.returncode:
            raise ClusterError(f"nginx refused the configuration:\n{test.stderr.decode()}")
        process = self._start("proxy", command)
        self.proxy = Address(port, tls=ssl.create_default_context(cafile=str(certificate)))
        wait_until(lambda: self.healthy(self.proxy), "nginx", process)

    def _write_proxy_site(self):
        port, redirect_port = self._proxy_ports
        site = proxy_site(
            (ROOT / "deploy" / "nginx.conf").read_text(),
            nodes=[
                f"127.0.0.1:{node.port}" + (" down" if index in self.nodes_out else "")
                for index, node in enumerate(self.nodes)
            ],
            port=port,
            redirect_port=redirect_port,
            certificate=self._certificate[0],
            key=self._certificate[1],
        )
        (self.workdir / "nginx" / "site.conf").write_text(site)

    def take_out(self, index):
        """Take node `index` out of the proxy's rotation (docs/deploy.md, "Taking a node out"):
        reload nginx with the node marked `down`; return once every nginx worker that still
        had the old list has finished its requests and gone."""
        self.nodes_out.add(index)
        self._reload_proxy()

    def put_back(self, index):
        self.nodes_out.discard(index)
        self._reload_proxy()

    def _reload_proxy(self):
        self._write_proxy_site()
        master = self.processes["proxy"]
        old_workers = children(master.pid)
        master.send_signal(signal.SIGHUP)
        wait_until(lambda: not old_workers & children(master.pid), "nginx reload", master)


def children(pid):
    """The ids of the processes whose parent is `pid` (from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process has just ended
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


# Root runs nginx's workers as root too (they read the test's temporary files); anyone else runs
# them as themselves, and `user` would only be ignored with a warning.
NGINX_USER = "user root;" if os.geteuid() == 0 else ""
NGINX_MAIN = """
{user}
worker_processes 1;
pid {prefix}/nginx.pid;
events {{ worker_connections 512; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    include {prefix}/site.conf;
}}
"""


def proxy_site(config, *, nodes, port, redirect_port, certificate, key):
    """deploy/nginx.conf for this machine: the nodes given, loopback ports, the test certificate.

    Everything else (the upstream's failover, the proxy headers, retries, timeouts, the closed
    /metrics) is the file as deployed; a change that breaks these substitutions fails the tests.
    """
    config = config.replace("/srv/portal/", f"{ROOT}/")  # the checkout, where deploy/ is
    upstream_lines = re.findall(r"^ *server \d+\.\d+\.\d+\.\d+:\d+ (.*);$", config, re.M)
    if not upstream_lines:
        raise ClusterError("deploy/nginx.conf: no `server ADDRESS:PORT …;` lines in the upstream")
    options = upstream_lines[0]
    servers = "".join(f"    server {node} {options};\n" for node in nodes)
    replacements = [
        (r"(?m)^ *server \d+\.\d+\.\d+\.\d+:\d+ .*;\n", ""),
        (r"upstream portal_nodes \{\n", "upstream portal_nodes {\n" + servers),
        (r"listen 80;", f"listen 127.0.0.1:{redirect_port};"),
        (r"listen 443 ssl", f"listen 127.0.0.1:{port} ssl"),
        (r"ssl_certificate +\S+;", f"ssl_certificate {certificate};"),
        (r"ssl_certificate_key +\S+;", f"ssl_certificate_key {key};"),
    ]
    for pattern, replacement in replacements:
        config, count = re.subn(pattern, replacement.replace("\\", "\\\\"), config, count=0)
        if not count:
            raise ClusterError(f"deploy/nginx.conf: nothing matched {pattern!r}")
    return config
