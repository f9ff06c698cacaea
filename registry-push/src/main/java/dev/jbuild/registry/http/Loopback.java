package dev.jbuild.registry.http;

/** Whether a host name is this machine: localhost, 127.0.0.0/8 or ::1 (bracketed or not). */
public final class Loopback {
    private Loopback() {
    }

    public static boolean is(String host) {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
    }
}
