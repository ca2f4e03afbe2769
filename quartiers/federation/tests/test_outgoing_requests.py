"""Requests to other servers: the address checked is the address connected
to (no DNS rebinding), TLS still speaks to the name, internal addresses in
every spelling are refused, redirects are checked like the first address,
and no module of the app but the one client makes HTTP requests.

The servers here are real sockets on loopback; the resolver is replaced, and
every connection the code under test opens is recorded.
"""

import ast
import datetime
import ipaddress
import json
import socket
import ssl
import threading
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from quartiers.federation import fetch

from .conftest import REAL_CONNECT, _is_loopback, _key, _pems

PUBLIC = "93.184.216.34"
# A key to sign with (the deliveries here only need one that loads).
KEY = _pems(_key("outgoing-requests"))[0]
DOCUMENT = {"id": "https://rebond.example/users/alice", "type": "Person"}


# --- A small server on loopback ------------------------------------------------


class LocalServer:
    """Answers ``respond(path) -> (status, headers, body)``; records the
    connections it accepted, the TLS server names asked and the requests."""

    def __init__(self, respond, tls: ssl.SSLContext | None = None):
        self.respond = respond
        self.tls = tls
        self.accepted = 0
        self.server_names: list[str] = []
        self.requests: list[tuple[str, str, dict]] = []
        if tls is not None:
            tls.sni_callback = self._sni
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(8)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _sni(self, _sslobj, name, _context):
        self.server_names.append(name)

    def _run(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.accepted += 1
            try:
                self._serve(conn)
            except OSError:  # includes a TLS handshake the client gave up
                pass
            finally:
                conn.close()

    def _serve(self, conn):
        conn.settimeout(2)
        if self.tls is not None:
            conn = self.tls.wrap_socket(conn, server_side=True)
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = conn.recv(4096)
            if not chunk:
                return
            data += chunk
        head, _, rest = data.partition(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        method, path, _version = lines[0].split(" ")
        headers = {
            name.strip().lower(): value.strip()
            for name, value in (line.split(":", 1) for line in lines[1:])
        }
        length = int(headers.get("content-length", 0))
        while len(rest) < length:
            rest += conn.recv(4096)
        self.requests.append((method, path, headers))
        status, extra, body = self.respond(path)
        head_out = [f"HTTP/1.1 {status} X", f"Content-Length: {len(body)}"]
        head_out += [f"{name}: {value}" for name, value in extra.items()]
        head_out += ["Connection: close", "", ""]
        conn.sendall("\r\n".join(head_out).encode() + body)

    def stop(self):
        self._stop.set()
        self._thread.join(2)
        self.sock.close()


@pytest.fixture
def servers():
    started: list[LocalServer] = []

    def start(respond, tls=None):
        server = LocalServer(respond, tls)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


def json_answer(_path):
    return (
        200,
        {"Content-Type": "application/activity+json"},
        json.dumps(DOCUMENT).encode(),
    )


# --- The resolver and the connections --------------------------------------------


REAL_GETADDRINFO = socket.getaddrinfo


class Resolver:
    """Answers names from a table, each answer a list used in turn (the last
    one repeats); addresses written as addresses are left to the system."""

    def __init__(self, table: dict[str, list[str]]):
        self.table = table
        self.asked: list[str] = []

    def __call__(self, host, port, *args, **kwargs):
        host = host.decode() if isinstance(host, bytes) else str(host)
        try:
            ipaddress.ip_address(host.strip("[]").split("%")[0])
        except ValueError:
            pass
        else:
            return REAL_GETADDRINFO(host, port, *args, **kwargs)
        self.asked.append(host)
        answers = self.table.get(host)
        if not answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        address = answers[min(len(self.asked_for(host)), len(answers)) - 1]
        family = socket.AF_INET6 if ":" in address else socket.AF_INET
        sockaddr = (
            (address, port, 0, 0) if family == socket.AF_INET6 else (address, port)
        )
        return [(family, socket.SOCK_STREAM, 6, "", sockaddr)]

    def asked_for(self, host):
        return [name for name in self.asked if name == host]


@pytest.fixture
def resolve(monkeypatch):
    def install(table):
        resolver = Resolver(table)
        monkeypatch.setattr(socket, "getaddrinfo", resolver)
        return resolver

    return install


@pytest.fixture
def connections(monkeypatch):
    """Every address the code under test connects to; loopback is really
    connected, anything else is refused as an unreachable server would."""
    attempts: list[tuple[str, int]] = []

    def connect(sock, address):
        attempts.append((address[0], address[1]))
        if _is_loopback(address[0]):
            return REAL_CONNECT(sock, address)
        raise ConnectionRefusedError(111, "Connection refused")

    monkeypatch.setattr(socket.socket, "connect", connect)
    return attempts


@pytest.fixture
def strict(settings):
    settings.DEBUG = False
    settings.QUARTIERS_FEDERATION_ALLOW_LOOPBACK = False
    return settings


# --- Certificates of a test authority --------------------------------------------


def _name(common):
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])


@pytest.fixture(scope="module")
def authority(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name("Autorité de test"))
        .issuer_name(_name("Autorité de test"))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    (folder / "ca.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))

    def issue(host: str) -> ssl.SSLContext:
        leaf_key = ec.generate_private_key(ec.SECP256R1())
        leaf = (
            x509.CertificateBuilder()
            .subject_name(_name(host))
            .issuer_name(cert.subject)
            .public_key(leaf_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(
                x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False
            )
            .sign(key, hashes.SHA256())
        )
        chain = folder / f"{host}.pem"
        chain.write_bytes(
            leaf.public_bytes(serialization.Encoding.PEM)
            + leaf_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
        )
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(chain)
        return context

    issue.ca_file = str(folder / "ca.pem")
    return issue


# --- DNS rebinding -----------------------------------------------------------------


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_a_name_rebound_to_loopback_after_the_check_is_never_connected_to(
    strict, servers, resolve, connections, method
):
    """The name answers a public address when it is checked and 127.0.0.1
    afterwards: the request goes to the public address it checked (here
    unreachable), never to the server listening on loopback."""
    inside = servers(json_answer)
    resolver = resolve({"rebond.example": [PUBLIC, "127.0.0.1"]})
    url = f"https://rebond.example:{inside.port}/users/alice"
    with pytest.raises(fetch.FetchError):
        if method == "GET":
            fetch.get_json(url)
        else:
            fetch.post_activity(
                url, {"type": "Follow"}, key_id="k", private_key_pem=KEY
            )
    assert connections == [(PUBLIC, inside.port)]
    assert resolver.asked == ["rebond.example"]
    assert inside.accepted == 0
    assert inside.requests == []


def test_the_checked_address_is_used_even_when_the_loopback_setting_is_on(
    settings, servers, resolve, connections, authority, monkeypatch
):
    """Two installs on loopback (the setting on): a name checked as public
    and then answering loopback still goes to the public address."""
    settings.DEBUG = False
    settings.QUARTIERS_FEDERATION_ALLOW_LOOPBACK = True
    inside = servers(json_answer, authority("rebond.example"))
    monkeypatch.setattr(fetch, "_ca_certs", lambda: authority.ca_file)
    resolve({"rebond.example": [PUBLIC, "127.0.0.1"]})
    with pytest.raises(fetch.FetchError):
        fetch.get_json(f"https://rebond.example:{inside.port}/users/alice")
    assert connections == [(PUBLIC, inside.port)]
    assert inside.accepted == 0


# --- TLS speaks to the name ------------------------------------------------------


def test_tls_and_the_host_header_name_the_server_while_connecting_to_its_address(
    settings, servers, resolve, connections, authority, monkeypatch
):
    settings.QUARTIERS_FEDERATION_ALLOW_LOOPBACK = True
    server = servers(json_answer, authority("rebond.example"))
    monkeypatch.setattr(fetch, "_ca_certs", lambda: authority.ca_file)
    resolve({"rebond.example": ["127.0.0.1"]})
    document = fetch.get_json(f"https://rebond.example:{server.port}/users/alice")
    assert document == DOCUMENT
    assert connections == [("127.0.0.1", server.port)]
    assert server.server_names == ["rebond.example"]
    ((method, path, headers),) = server.requests
    assert (method, path) == ("GET", "/users/alice")
    assert headers["host"] == f"rebond.example:{server.port}"


def test_a_certificate_for_another_name_is_refused(
    settings, servers, resolve, connections, authority, monkeypatch
):
    settings.QUARTIERS_FEDERATION_ALLOW_LOOPBACK = True
    server = servers(json_answer, authority("autre.example"))
    monkeypatch.setattr(fetch, "_ca_certs", lambda: authority.ca_file)
    resolve({"rebond.example": ["127.0.0.1"]})
    with pytest.raises(fetch.FetchError):
        fetch.get_json(f"https://rebond.example:{server.port}/users/alice")
    assert server.requests == []


def test_a_certificate_from_an_unknown_authority_is_refused(
    settings, servers, resolve, connections, authority
):
    """The system's authorities are used by default: the test one is not
    among them."""
    settings.QUARTIERS_FEDERATION_ALLOW_LOOPBACK = True
    server = servers(json_answer, authority("rebond.example"))
    resolve({"rebond.example": ["127.0.0.1"]})
    with pytest.raises(fetch.FetchError):
        fetch.get_json(f"https://rebond.example:{server.port}/users/alice")
    assert server.requests == []


# --- Internal addresses, however written ----------------------------------------


INTERNAL = [
    "127.0.0.1",
    "10.1.2.3",
    "172.16.0.1",
    "192.168.1.1",
    "100.64.0.1",
    "0.0.0.0",
    "169.254.169.254",
    "224.0.0.1",
    "::1",
    "::",
    "fc00::1",
    "fd12:3456::1",
    "fe80::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "2002:7f00:1::",  # 6to4 of 127.0.0.1
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
]


def _bracketed(address: str) -> str:
    return f"[{address}]" if ":" in address else address


@pytest.mark.parametrize("address", INTERNAL)
def test_an_internal_address_written_in_the_url_is_refused(
    strict, resolve, connections, address
):
    resolver = resolve({})
    with pytest.raises(fetch.FetchError, match="refusée"):
        fetch.get_json(f"https://{_bracketed(address)}/users/alice")
    with pytest.raises(fetch.FetchError, match="refusée"):
        fetch.post_activity(
            f"https://{_bracketed(address)}/inbox", {}, key_id="", private_key_pem=KEY
        )
    assert connections == []
    assert resolver.asked == []


@pytest.mark.parametrize("address", INTERNAL)
def test_a_name_that_resolves_to_an_internal_address_is_refused(
    strict, resolve, connections, address
):
    resolve({"rebond.example": [address]})
    with pytest.raises(fetch.FetchError, match="interne"):
        fetch.get_json("https://rebond.example/users/alice")
    assert connections == []


@pytest.mark.parametrize(
    "host",
    [
        "2130706433",  # 127.0.0.1 in decimal
        "0177.0.0.1",  # in octal
        "0x7f.0.0.1",  # in hexadecimal
        "0x7f000001",
        "127.1",
        "017700000001",
        "0251.0376.0251.0376",  # 169.254.169.254 in octal
    ],
)
def test_an_address_written_as_a_number_is_refused_before_any_lookup(
    strict, connections, host, monkeypatch
):
    asked = []
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda *args, **kwargs: asked.append(args) or []
    )
    with pytest.raises(fetch.FetchError, match="refusée"):
        fetch.get_json(f"https://{host}/users/alice")
    assert asked == []
    assert connections == []


@pytest.mark.parametrize(
    "url",
    [
        "http://masto.example/users/alice",  # plain http
        "ftp://masto.example/users/alice",
        "file:///etc/passwd",
        "https://alice@masto.example/users/alice",
        "https://masto.example:99999/users/alice",
        "https:///users/alice",
    ],
)
def test_other_malformed_addresses_are_refused(strict, resolve, connections, url):
    resolve({"masto.example": [PUBLIC]})
    with pytest.raises(fetch.FetchError, match="refusée"):
        fetch.get_json(url)
    assert connections == []


# --- Redirects ---------------------------------------------------------------------


def redirecting_to(location):
    def respond(path):
        if path == "/suite":
            return json_answer(path)
        return 302, {"Location": location}, b""

    return respond


@pytest.mark.parametrize(
    "location",
    [
        "http://169.254.169.254/latest/meta-data/",
        "https://interne.example/",
        "https://[fd00::1]/",
        "https://2130706433/",
        "http://10.0.0.5/",
    ],
)
def test_a_redirect_to_an_internal_address_is_refused(
    settings, servers, resolve, connections, location
):
    settings.DEBUG = False
    settings.QUARTIERS_FEDERATION_ALLOW_LOOPBACK = True
    server = servers(redirecting_to(location))
    resolve({"interne.example": ["10.0.0.5"]})
    with pytest.raises(fetch.FetchError, match="refusée"):
        fetch.get_json(f"http://127.0.0.1:{server.port}/users/alice")
    assert connections == [("127.0.0.1", server.port)]
    assert len(server.requests) == 1


def test_a_redirect_to_an_allowed_address_is_followed_and_checked_again(
    settings, servers, resolve, connections
):
    settings.DEBUG = False
    settings.QUARTIERS_FEDERATION_ALLOW_LOOPBACK = True
    server = servers(redirecting_to("/suite"))
    assert fetch.get_json(f"http://127.0.0.1:{server.port}/users/alice") == DOCUMENT
    assert [path for _method, path, _headers in server.requests] == [
        "/users/alice",
        "/suite",
    ]


def test_endless_redirects_stop(settings, servers, connections):
    settings.QUARTIERS_FEDERATION_ALLOW_LOOPBACK = True
    server = servers(redirecting_to("/encore"))
    with pytest.raises(fetch.FetchError, match="redirections"):
        fetch.get_json(f"http://127.0.0.1:{server.port}/users/alice")
    assert len(server.requests) == fetch.MAX_REDIRECTS + 1


def test_a_delivery_does_not_follow_a_redirect(settings, servers, connections):
    settings.QUARTIERS_FEDERATION_ALLOW_LOOPBACK = True
    server = servers(lambda path: (307, {"Location": "http://10.0.0.5/inbox"}, b""))
    status = fetch.post_activity(
        f"http://127.0.0.1:{server.port}/inbox",
        {"type": "Follow"},
        key_id="https://quartiers.example/alpha/fedivers#main-key",
        private_key_pem=KEY,
    )
    assert status == 307
    assert connections == [("127.0.0.1", server.port)]
    ((method, _path, headers),) = server.requests
    assert method == "POST"
    assert headers["host"] == f"127.0.0.1:{server.port}"


def test_an_oversized_document_is_refused(settings, servers, connections):
    settings.QUARTIERS_FEDERATION_ALLOW_LOOPBACK = True
    big = b'{"a": "' + b"x" * fetch.MAX_DOCUMENT_BYTES + b'"}'
    server = servers(lambda path: (200, {}, big))
    with pytest.raises(fetch.FetchError, match="volumineux"):
        fetch.get_json(f"http://127.0.0.1:{server.port}/users/alice")


def test_a_compressed_answer_is_refused(settings, servers, connections):
    """We ask for "identity": a gzip bomb is never decoded."""
    settings.QUARTIERS_FEDERATION_ALLOW_LOOPBACK = True
    server = servers(lambda path: (200, {"Content-Encoding": "gzip"}, b"\x1f\x8b"))
    with pytest.raises(fetch.FetchError, match="compressée"):
        fetch.get_json(f"http://127.0.0.1:{server.port}/users/alice")
    ((_method, _path, headers),) = server.requests
    assert headers.get("accept-encoding", "identity") == "identity"


# --- One client --------------------------------------------------------------------

HTTP_LIBRARIES = {
    "requests",
    "httpx",
    "urllib3",
    "aiohttp",
    "pycurl",
    "http.client",
    "urllib.request",
    "socket",
    "ssl",
}
APP = Path(fetch.__file__).parent


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute | ast.Name)
            and getattr(node.func, "attr", getattr(node.func, "id", ""))
            in ("import_module", "__import__")
        ):
            found.add("<dynamic import>")
    return found


def _is_http(module: str) -> bool:
    return module == "<dynamic import>" or any(
        module == name or module.startswith(name + ".") for name in HTTP_LIBRARIES
    )


def test_only_the_fetch_module_makes_http_requests():
    """A new call site elsewhere in the app (a WebFinger lookup, a media
    download...) fails here: route it through fetch.py's safe client."""
    users = sorted(
        str(path.relative_to(APP))
        for path in APP.rglob("*.py")
        if "tests" not in path.relative_to(APP).parts
        and any(_is_http(module) for module in _imports(path))
    )
    assert users == ["fetch.py"]
