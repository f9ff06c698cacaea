package dev.jbuild.registry;

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
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

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

    static void configure(OkHttpClient.Builder builder, Endpoint endpoint, UserDirs dirs) throws IOException {
        try {
            if (endpoint.insecure()) {
                X509TrustManager any = new X509TrustManager() {
                    @Override
                    public void checkClientTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public void checkServerTrusted(X509Certificate[] chain, String authType) {
                    }

                    @Override
                    public X509Certificate[] getAcceptedIssuers() {
                        return new X509Certificate[0];
                    }
                };
                builder.sslSocketFactory(context(any).getSocketFactory(), any).hostnameVerifier((h, s) -> true);
                return;
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
                return;
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
            X509TrustManager combined = trustManager(store);
            builder.sslSocketFactory(context(combined).getSocketFactory(), combined);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for " + endpoint.host() + ": " + e.getMessage(), e);
        }
    }

    private static X509TrustManager trustManager(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        return (X509TrustManager) f.getTrustManagers()[0];
    }

    private static SSLContext context(X509TrustManager tm) throws GeneralSecurityException {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new javax.net.ssl.TrustManager[] {tm}, null);
        return ctx;
    }
}
