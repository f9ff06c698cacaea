package dev.jbuild.registry.http;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query parameters added to URLs, encoded as forms encode them (registries and token services read them so). */
public final class Urls {
    private Urls() {
    }

    public static URI withQuery(URI uri, String name, String value) {
        String text = uri.toString();
        int fragment = text.indexOf('#');
        String head = fragment < 0 ? text : text.substring(0, fragment);
        String parameter = URLEncoder.encode(name, StandardCharsets.UTF_8) + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
        return URI.create(head + (uri.getRawQuery() == null ? "?" : "&") + parameter + (fragment < 0 ? "" : text.substring(fragment)));
    }
}
