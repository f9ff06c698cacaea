package dev.jbuild.registry.http;

import java.net.URI;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** One HTTP request: method, URL, headers (names in any case) and a body that can be sent again. */
public final class Request {
    private final String method;
    private final URI uri;
    private final Map<String, String> headers;
    private final Body body;

    private Request(String method, URI uri, Map<String, String> headers, Body body) {
        this.method = method;
        this.uri = uri;
        this.headers = headers;
        this.body = body;
    }

    public static Request get(URI uri) {
        return new Request("GET", uri, emptyHeaders(), null);
    }

    public static Request head(URI uri) {
        return new Request("HEAD", uri, emptyHeaders(), null);
    }

    /** A request that sends {@code body} (POST, PUT). */
    public static Request send(String method, URI uri, Body body) {
        return new Request(method, uri, emptyHeaders(), body);
    }

    private static Map<String, String> emptyHeaders() {
        return new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    }

    /** This request with the header set (replacing any of that name). */
    public Request header(String name, String value) {
        Map<String, String> copy = emptyHeaders();
        copy.putAll(headers);
        copy.put(name, value);
        return new Request(method, uri, copy, body);
    }

    public Request withoutHeader(String name) {
        Map<String, String> copy = emptyHeaders();
        copy.putAll(headers);
        copy.remove(name);
        return new Request(method, uri, copy, body);
    }

    /** The same request to another URL (a redirect's target). */
    public Request at(URI target) {
        return new Request(method, target, headers, body);
    }

    public String method() {
        return method;
    }

    public URI uri() {
        return uri;
    }

    public String header(String name) {
        return headers.get(name);
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    /** Null for GET and HEAD. */
    public Body body() {
        return body;
    }

    @Override
    public String toString() {
        return method + " " + uri;
    }
}
