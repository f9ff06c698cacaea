package dev.jbuild.registry;

import dev.jbuild.registry.http.Tls;
import dev.jbuild.store.UserDirs;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.net.Socket;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which certificates a registry's TLS may present: the system's CAs plus the *.crt files of its
 * certs.d directories ({@code ~/.config/jbuild/certs.d/HOST:PORT}, {@code /etc/containers/certs.d/HOST:PORT},
 * {@code /etc/docker/certs.d/HOST:PORT}); or, for an insecure registry, any certificate.
 */
final class TlsTrust {
    private TlsTrust() {
    }

    static List<Path> certsDirs(String host, UserDirs dirs) {
        return List.of(dirs.certsDir().resolve(host), Paths.get("/etc/containers/certs.d", host),
                Paths.get("/etc/docker/certs.d", host));
    }

    /** The TLS settings for the endpoint's connections (and those its token service is asked over). */
    static Tls load(Endpoint endpoint, UserDirs dirs) throws IOException {
        try {
            if (endpoint.insecure()) {
                return new Tls(context(new AnyCertificate()), false);
            }
            List<Certificate> extra = new ArrayList<>();
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            for (Path dir : certsDirs(endpoint.host(), dirs)) {
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> files = Files.list(dir)) {
                    for (Path crt : files.filter(f -> f.toString().endsWith(".crt")).sorted().toList()) {
                        try (InputStream in = Files.newInputStream(crt)) {
                            extra.addAll(x509.generateCertificates(in));
                        } catch (CertificateException e) {
                            throw new RegistryException(crt + " is not a PEM certificate: " + e.getMessage());
                        }
                    }
                }
            }
            if (extra.isEmpty()) {
                return Tls.SYSTEM;
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            X509TrustManager system = trustManager(null);
            int i = 0;
            for (X509Certificate ca : system.getAcceptedIssuers()) {
                store.setCertificateEntry("system-" + i++, ca);
            }
            for (Certificate c : extra) {
                store.setCertificateEntry("certs.d-" + i++, c);
            }
            return new Tls(context(trustManager(store)), true);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for " + endpoint.host() + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        return (X509TrustManager) f.getTrustManagers()[0];
    }

    /**
     * Trusts any certificate for any name. An extended trust manager, so that the JDK does not wrap it
     * in one that checks the host name after all (where a connection asks for endpoint identification).
     */
    private static final class AnyCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }

    private static SSLContext context(X509TrustManager tm) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
        return ctx;
    }
}
