"""The suite cannot reach the internet; this machine (databases, live server) still works."""

import socket
import threading
import urllib.error
import urllib.request

import pytest

from tests.conftest import NetworkBlocked


def test_connecting_to_a_remote_host_fails():
    with pytest.raises(NetworkBlocked):
        socket.create_connection(("93.184.215.14", 80), timeout=1)


def test_a_name_lookup_of_a_remote_host_fails():
    with pytest.raises(urllib.error.URLError) as error:
        urllib.request.urlopen("https://example.com/", timeout=1)
    assert isinstance(error.value.reason, NetworkBlocked)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_this_machine_is_reachable(host):
    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]
    accepted = threading.Thread(target=lambda: server.accept()[0].close())
    accepted.start()
    with socket.create_connection((host, port), timeout=5):
        pass
    accepted.join(timeout=5)
    server.close()
