package dev.jbuild.registry.auth;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jbuild.registry.RegistryException;
import dev.jbuild.registry.http.BoundedStream;
import dev.jbuild.registry.http.Exchange;
import dev.jbuild.registry.http.Request;
import dev.jbuild.registry.http.Response;
import dev.jbuild.registry.http.Urls;
import dev.jbuild.store.oci.Json;
import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a registry's 401 as docker does: Basic with the stored credentials, or the bearer-token
 * flow (the token endpoint named by the challenge, for the challenge's scope, with the credentials
 * when there are any, anonymously otherwise). Tokens are kept per scope and sent up front on the
 * next request for the same repository; a kept token the registry refuses (it expired) is fetched again.
 */
public final class RegistryAuthenticator implements Exchange {
    private final Optional<Credentials> credentials;
    private final Exchange registry;
    private final Exchange tokenService;
    private final Map<String, String> tokenByRepository = new ConcurrentHashMap<>();
    private final Map<String, String> tokenByScope = new ConcurrentHashMap<>();
    /** The registry asked for basic credentials once: every request after carries them at once. */
    private volatile boolean basicAsked;

    /**
     * @param registry where requests go
     * @param tokenService where token requests go (a token service may speak TLS where the registry does not)
     */
    public RegistryAuthenticator(Optional<Credentials> credentials, Exchange registry, Exchange tokenService) {
        this.credentials = credentials;
        this.registry = registry;
        this.tokenService = tokenService;
    }

    @Override
    public Response send(Request request) throws IOException {
        Optional<String> repository = repository(request.uri());
        String token = repository.isPresent() ? tokenByRepository.get(repository.get()) : null;
        if (token != null && request.header("Authorization") == null) {
            request = request.header("Authorization", "Bearer " + token);
        } else if (basicAsked && credentials.isPresent() && request.header("Authorization") == null) {
            request = request.header("Authorization", "Basic " + credentials.get().encoded()); // a body sent once gets no second go
        }
        Response response = registry.send(request);
        if (response.code() != 401) {
            return response;
        }
        Optional<Request> answered = answer(request, response);
        if (answered.isEmpty()) {
            return response; // the caller says what was refused
        }
        response.close();
        return registry.send(answered.get());
    }

    /** The request again with what the 401's challenge asks for; empty when there is nothing to answer with. */
    private Optional<Request> answer(Request request, Response refusal) throws IOException {
        Optional<Challenge> challenge = Challenge.parse(refusal.header("WWW-Authenticate"));
        if (challenge.isEmpty()) {
            return Optional.empty();
        }
        switch (challenge.get().scheme()) {
            case "basic" -> {
                if (credentials.isEmpty() || request.header("Authorization") != null) {
                    return Optional.empty();
                }
                basicAsked = true;
                return Optional.of(request.header("Authorization", "Basic " + credentials.get().encoded()));
            }
            case "bearer" -> {
                String token = token(challenge.get(), request.header("Authorization"));
                repository(request.uri()).ifPresent(repo -> tokenByRepository.put(repo, token));
                return Optional.of(request.header("Authorization", "Bearer " + token));
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** A token for the challenge's scope: the one kept, unless it is the one just refused. */
    private String token(Challenge challenge, String refused) throws IOException {
        String realm = challenge.params().get("realm");
        if (realm == null) {
            throw new RegistryException("the registry asked for a bearer token but named no token service");
        }
        String scope = challenge.params().getOrDefault("scope", "");
        String kept = tokenByScope.get(scope);
        if (kept != null && !("Bearer " + kept).equals(refused)) {
            return kept;
        }
        URI url = URI.create(realm);
        if (challenge.params().containsKey("service")) {
            url = Urls.withQuery(url, "service", challenge.params().get("service"));
        }
        if (!scope.isEmpty()) {
            for (String s : scope.split(" ")) {
                url = Urls.withQuery(url, "scope", s);
            }
        }
        Request request = Request.get(url);
        if (credentials.isPresent()) {
            request = request.header("Authorization", "Basic " + credentials.get().encoded());
        }
        try (Response r = tokenService.send(request)) {
            if (r.code() == 401 || r.code() == 403) {
                throw new RegistryException("the token service " + url.getHost() + " refused "
                        + (credentials.isPresent() ? "the stored credentials" : "an anonymous request") + " (HTTP " + r.code() + ")");
            }
            if (r.code() != 200) {
                throw new RegistryException("the token service " + realm + " answered HTTP " + r.code());
            }
            JsonNode body = Json.mapper().readTree(r.bytes(BoundedStream.DOCUMENT_LIMIT, "the token service " + realm + "'s answer"));
            String token = body.hasNonNull("token") ? body.get("token").asText() : body.path("access_token").asText("");
            if (token.isEmpty()) {
                throw new RegistryException("the token service " + realm + " returned no token");
            }
            tokenByScope.put(scope, token);
            return token;
        }
    }

    private static Optional<String> repository(URI url) {
        String path = url.getRawPath();
        if (path == null || !path.startsWith("/v2/")) {
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
}
