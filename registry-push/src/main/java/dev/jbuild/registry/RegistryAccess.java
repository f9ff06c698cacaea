package dev.jbuild.registry;

import dev.jbuild.registry.auth.AuthConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * How to reach registries: stored credentials, per-registry settings (mirrors, insecure), and
 * whether TLS certificates are checked at all ({@code --tls-verify=false}).
 */
public record RegistryAccess(AuthConfig auth, RegistriesConfig config, boolean tlsVerify) {

    /** Where {@code registry} (a registry or a mirror, as users name it) answers, and how securely. */
    public Endpoint endpoint(String registry) {
        Endpoint endpoint = Endpoint.of(registry);
        return endpoint.insecure(!tlsVerify || config.insecure(endpoint.registry()));
    }

    /** A client for {@code registry} with its stored credentials. */
    public RegistryClient client(String registry) throws IOException {
        return RegistryClient.forRegistry(endpoint(registry), auth);
    }

    /**
     * Starts finding how {@code registry} answers while the command goes on (see RegistryClient.findBaseAhead).
     * The probe sends no credentials, so none are looked up (a credential helper is a process).
     */
    public void reachAhead(String registry) {
        new RegistryClient(endpoint(registry), java.util.Optional.empty()).findBaseAhead();
    }

    /** A client for Docker Hub's search API. */
    public RegistryClient hubIndexClient() throws IOException {
        return RegistryClient.forRegistry(Endpoint.DOCKER_HUB_INDEX, auth);
    }

    /** Where a pull of an image of {@code registry} looks: its mirrors in order, then itself. */
    public List<String> pullSources(String registry) {
        List<String> sources = new ArrayList<>(config.mirrors(registry));
        sources.add(registry);
        return sources;
    }
}
