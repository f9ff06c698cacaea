package dev.jbuild.registry.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which requests go through the environment's proxies, as curl and Go decide it. */
class EnvironmentProxiesTest {
    private static String via(ProxySelector proxies, String url) {
        Proxy proxy = proxies.select(URI.create(url)).get(0);
        if (proxy.type() == Proxy.Type.DIRECT) {
            return "direct";
        }
        InetSocketAddress address = (InetSocketAddress) proxy.address();
        return address.getHostString() + ":" + address.getPort();
    }

    @Test
    void noVariableKeepsTheJvmsSettings() {
        assertTrue(EnvironmentProxies.of(Map.of("PATH", "/bin", "NO_PROXY", "x")).isEmpty());
    }

    @Test
    void eachSchemeItsProxyLowerCaseToo() {
        ProxySelector proxies = EnvironmentProxies.of(Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "http_proxy", "plain.corp")).get();
        assertEquals("proxy.corp:3128", via(proxies, "https://registry.example/v2/"));
        assertEquals("plain.corp:80", via(proxies, "http://registry.example:5000/v2/"));
        ProxySelector httpsOnly = EnvironmentProxies.of(Map.of("https_proxy", "proxy.corp:8080")).get();
        assertEquals("direct", via(httpsOnly, "http://registry.example/v2/"));
    }

    @Test
    void noProxyHostsDomainsPortsAndLoopbackGoDirect() {
        ProxySelector proxies = EnvironmentProxies.of(Map.of("HTTPS_PROXY", "proxy.corp:3128",
                "NO_PROXY", "internal.example, .corp.example,registry.example:5443")).get();
        assertEquals("direct", via(proxies, "https://internal.example/v2/"));
        assertEquals("direct", via(proxies, "https://a.internal.example/v2/"));
        assertEquals("direct", via(proxies, "https://reg.corp.example/v2/"));
        assertEquals("proxy.corp:3128", via(proxies, "https://notinternal.example/v2/"), "a suffix only after a dot");
        assertEquals("direct", via(proxies, "https://registry.example:5443/v2/"));
        assertEquals("proxy.corp:3128", via(proxies, "https://registry.example/v2/"), "another port");
        assertEquals("direct", via(proxies, "https://localhost:5000/v2/"));
        assertEquals("direct", via(proxies, "https://127.0.0.1:5000/v2/"));
        assertEquals("direct", via(EnvironmentProxies.of(Map.of("HTTPS_PROXY", "p:1", "no_proxy", "*")).get(), "https://any.example/"));
    }
}
