package dev.jbuild.cli.progress;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.jbuild.executor.imagebuild.BuildProgress;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * --progress=rawjson: one JSON object per line for tools. {"type":"step","id":N,"stage":..,"number":..,
 * "total":..,"instruction":..,"status":"running"}, then "cached", "done" (with "seconds") or "error";
 * {"type":"log","id":N,"data":TEXT} for a step's output; {"type":"message","text":..}.
 */
final class RawJsonProgress implements BuildProgress {
    private static final JsonFactory JSON = new JsonFactory();
    private final PrintStream out;
    private final AtomicInteger ids = new AtomicInteger();

    RawJsonProgress(PrintStream out) {
        this.out = out;
    }

    /** Fields of one event. */
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    private void event(String type, Fields fields) {
        StringWriter line = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(line)) {
            g.writeStartObject();
            g.writeStringField("type", type);
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }

    @Override
    public Step step(String stage, int number, int total, String instruction) {
        int id = ids.incrementAndGet();
        event("step", g -> {
            g.writeNumberField("id", id);
            g.writeStringField("stage", stage);
            g.writeNumberField("number", number);
            g.writeNumberField("total", total);
            g.writeStringField("instruction", instruction);
            g.writeStringField("status", "running");
        });
        return new EndingStep() {
            @Override
            void wrote(byte[] b, int off, int len) {
                String data = new String(b, off, len, StandardCharsets.UTF_8);
                event("log", g -> {
                    g.writeNumberField("id", id);
                    g.writeStringField("data", data);
                });
            }

            @Override
            void ended(End how, long nanos) {
                event("step", g -> {
                    g.writeNumberField("id", id);
                    g.writeStringField("status", how.name().toLowerCase(java.util.Locale.ROOT));
                    if (nanos >= 0) {
                        g.writeNumberField("seconds", Math.round(nanos / 1e7) / 100.0);
                    }
                });
            }
        };
    }

    @Override
    public void message(String line) {
        event("message", g -> g.writeStringField("text", line));
    }
}
