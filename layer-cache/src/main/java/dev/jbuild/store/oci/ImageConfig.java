package dev.jbuild.store.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.jbuild.store.Digest;
import java.util.List;
import java.util.Map;

/**
 * The image configuration (OCI image spec "config", with Docker's Healthcheck, OnBuild and Shell
 * extensions). Field names are the spec's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImageConfig(String created, String author, String architecture, String os, String variant,
                          RunConfig config, RootFs rootfs, List<History> history) {

    public ImageConfig {
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** What a container of the image starts with. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RunConfig(
            @JsonProperty("User") String user,
            @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
            @JsonProperty("Env") List<String> env,
            @JsonProperty("Entrypoint") List<String> entrypoint,
            @JsonProperty("Cmd") List<String> cmd,
            @JsonProperty("Volumes") Map<String, Object> volumes,
            @JsonProperty("WorkingDir") String workingDir,
            @JsonProperty("Labels") Map<String, String> labels,
            @JsonProperty("StopSignal") String stopSignal,
            @JsonProperty("Healthcheck") Map<String, Object> healthcheck,
            @JsonProperty("OnBuild") List<String> onBuild,
            @JsonProperty("Shell") List<String> shell) {

        public static RunConfig empty() {
            return new RunConfig(null, null, null, null, null, null, null, null, null, null, null, null);
        }

        public RunConfig withCmd(List<String> newCmd) {
            return new RunConfig(user, exposedPorts, env, entrypoint, newCmd, volumes, workingDir, labels,
                    stopSignal, healthcheck, onBuild, shell);
        }

        public RunConfig withEntrypoint(List<String> newEntrypoint) {
            return new RunConfig(user, exposedPorts, env, newEntrypoint, cmd, volumes, workingDir, labels,
                    stopSignal, healthcheck, onBuild, shell);
        }

        public RunConfig withEnv(List<String> newEnv) {
            return new RunConfig(user, exposedPorts, newEnv, entrypoint, cmd, volumes, workingDir, labels,
                    stopSignal, healthcheck, onBuild, shell);
        }

        public RunConfig withWorkingDir(String dir) {
            return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, dir, labels,
                    stopSignal, healthcheck, onBuild, shell);
        }

        public RunConfig withUser(String newUser) {
            return new RunConfig(newUser, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels,
                    stopSignal, healthcheck, onBuild, shell);
        }

        public RunConfig withLabels(Map<String, String> newLabels) {
            return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, newLabels,
                    stopSignal, healthcheck, onBuild, shell);
        }

        public RunConfig withExposedPorts(Map<String, Object> ports) {
            return new RunConfig(user, ports, env, entrypoint, cmd, volumes, workingDir, labels,
                    stopSignal, healthcheck, onBuild, shell);
        }

        public RunConfig withVolumes(Map<String, Object> newVolumes) {
            return new RunConfig(user, exposedPorts, env, entrypoint, cmd, newVolumes, workingDir, labels,
                    stopSignal, healthcheck, onBuild, shell);
        }

        public RunConfig withStopSignal(String signal) {
            return new RunConfig(user, exposedPorts, env, entrypoint, cmd, volumes, workingDir, labels,
                    signal, healthcheck, onBuild, shell);
        }
    }

    /** The layers' uncompressed digests, bottom first. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RootFs(String type, @JsonProperty("diff_ids") List<Digest> diffIds) {
        public RootFs {
            diffIds = diffIds == null ? List.of() : List.copyOf(diffIds);
        }
    }

    /** One step of how the image was made. */
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record History(String created, @JsonProperty("created_by") String createdBy, String author,
                          String comment, @JsonProperty("empty_layer") boolean emptyLayer) {
    }
}
