package dev.jbuild.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.store.oci.Json;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Authenticator;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.Route;

/**
 * Answers a registry's 401 as docker does: Basic with the stored credentials, or the bearer-token
 * flow (the token endpoint named by the challenge, for the challenge's scope, with the credentials
 * when there are any, anonymously otherwise). Tokens are kept per scope and sent up front on the
 * next request for the same repository.
 */
public final class RegistryAuthenticator implements Authenticator, Interceptor {
    private final Optional<Credentials> credentials;
    private final Supplier<OkHttpClient> tokenClient;
    private final Map<String, String> tokenByRepository = new ConcurrentHashMap<>();
    private final Map<String, String> tokenByScope = new ConcurrentHashMap<>();

    /** @param tokenClient made when a token is first needed (a token server may want TLS the registry does not) */
    public RegistryAuthenticator(Optional<Credentials> credentials, Supplier<OkHttpClient> tokenClient) {
        this.credentials = credentials;
        this.tokenClient = tokenClient;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        String token = repository(request.url()).map(tokenByRepository::get).orElse(null);
        if (token != null && request.header("Authorization") == null) {
            request = request.newBuilder().header("Authorization", "Bearer " + token).build();
        }
        return chain.proceed(request);
    }

    @Override
    public Request authenticate(Route route, Response response) throws IOException {
        if (priorResponses(response) >= 2) {
            return null; // the answer was given and refused: let the 401 through
        }
        Optional<Challenge> challenge = Challenge.parse(response.header("WWW-Authenticate"));
        if (challenge.isEmpty()) {
            return null;
        }
        Request request = response.request();
        switch (challenge.get().scheme()) {
            case "basic" -> {
                if (credentials.isEmpty() || request.header("Authorization") != null) {
                    return null;
                }
                return request.newBuilder().header("Authorization", "Basic " + credentials.get().encoded()).build();
            }
            case "bearer" -> {
                String token = token(challenge.get());
                repository(request.url()).ifPresent(repo -> tokenByRepository.put(repo, token));
                return request.newBuilder().header("Authorization", "Bearer " + token).build();
            }
            default -> {
                return null;
            }
        }
    }

    private String token(Challenge challenge) throws IOException {
        String realm = challenge.params().get("realm");
        if (realm == null) {
            throw new RegistryException("the registry asked for a bearer token but named no token service");
        }
        String scope = challenge.params().getOrDefault("scope", "");
        String cached = tokenByScope.get(scope);
        if (cached != null) {
            return cached;
        }
        HttpUrl.Builder url = HttpUrl.get(realm).newBuilder();
        if (challenge.params().containsKey("service")) {
            url.addQueryParameter("service", challenge.params().get("service"));
        }
        if (!scope.isEmpty()) {
            for (String s : scope.split(" ")) {
                url.addQueryParameter("scope", s);
            }
        }
        Request.Builder req = new Request.Builder().url(url.build());
        credentials.ifPresent(c -> req.header("Authorization", "Basic " + c.encoded()));
        try (Response r = tokenClient.get().newCall(req.build()).execute()) {
            if (r.code() == 401 || r.code() == 403) {
                throw new RegistryException("the token service " + HttpUrl.get(realm).host() + " refused "
                        + (credentials.isPresent() ? "the stored credentials" : "an anonymous request") + " (HTTP " + r.code() + ")");
            }
            if (r.code() != 200) {
                throw new RegistryException("the token service " + realm + " answered HTTP " + r.code());
            }
            JsonNode body = Json.mapper().readTree(r.body().byteStream());
            String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText("");
            if (token.isEmpty()) {
                throw new RegistryException("the token service " + realm + " returned no token");
            }
            tokenByScope.put(scope, token);
            return token;
        }
    }

    private static Optional<String> repository(HttpUrl url) {
        String path = url.encodedPath();
        if (!path.startsWith("/v2/")) {
            return Optional.empty();
        }
        for (String marker : new String[] {"/blobs/", "/manifests/", "/tags/"}) {
            int i = path.indexOf(marker);
            if (i > 4) {
                return Optional.of(path.substring(4, i));
            }
        }
        return Optional.empty();
    }

    private static int priorResponses(Response response) {
        int n = 0;
        for (Response r = response.priorResponse(); r != null; r = r.priorResponse()) {
            n++;
        }
        return n;
    }
}
