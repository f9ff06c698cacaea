package dev.jbuild.registry;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/** Says why a connection failed in the words docker uses, without Java's class names. */
final class ConnectionFailure {
    private ConnectionFailure() {
    }

    static String describe(Throwable failure) {
        for (Throwable c = failure; c != null; c = c.getCause()) {
            if (c instanceof UnknownHostException) {
                return "unknown host (" + c.getMessage() + ")";
            }
            if (c instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (c instanceof ConnectException && c.getCause() == null && c.getMessage() != null
                    && c.getMessage().toLowerCase().contains("refused")) {
                return "connection refused (nothing listens there)";
            }
            if (c instanceof SSLException) {
                return "TLS handshake failed: " + c.getMessage();
            }
        }
        return failure.getMessage() == null ? "connection failed" : failure.getMessage();
    }
}
