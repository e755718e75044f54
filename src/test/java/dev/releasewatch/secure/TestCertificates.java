package dev.releasewatch.secure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Self-signed certificates made in the test with the JDK's {@code keytool}: one PKCS12 keystore for the broker
 * ({@code CN=localhost}, SAN localhost and 127.0.0.1, so clients verify the host name), one for the monitor's
 * mTLS identity ({@code CN=monitor}), and one truststore holding both certificates, used by both sides. Every
 * store has its own random password, with a marker, so a test can look for it in the monitor's output.
 */
final class TestCertificates {

    final Path brokerKeystore;
    final Path clientKeystore;
    final Path truststore;
    final String brokerPassword = secret("brokerks");
    final String clientPassword = secret("clientks");
    final String truststorePassword = secret("truststore");

    private TestCertificates(Path dir) {
        this.brokerKeystore = dir.resolve("broker.p12");
        this.clientKeystore = dir.resolve("client.p12");
        this.truststore = dir.resolve("trust.p12");
    }

    /** A distinctive random secret: if it appears anywhere in captured output, it leaked. */
    static String secret(String what) {
        return "s3cret-" + what + "-" + UUID.randomUUID().toString().replace("-", "");
    }

    static TestCertificates create(Path dir) throws IOException, InterruptedException {
        TestCertificates c = new TestCertificates(dir);
        c.keyPair(c.brokerKeystore, c.brokerPassword, "broker", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1");
        c.keyPair(c.clientKeystore, c.clientPassword, "monitor", "CN=monitor", null);
        c.trust(c.brokerKeystore, c.brokerPassword, "broker", dir.resolve("broker.crt"));
        c.trust(c.clientKeystore, c.clientPassword, "monitor", dir.resolve("monitor.crt"));
        return c;
    }

    private void keyPair(Path store, String password, String alias, String dname, String ext)
            throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of(
                "-genkeypair",
                "-alias",
                alias,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-validity",
                "2",
                "-dname",
                dname,
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                password,
                "-keypass",
                password));
        if (ext != null) {
            args.add("-ext");
            args.add(ext);
        }
        keytool(args);
    }

    private void trust(Path store, String password, String alias, Path cert) throws IOException, InterruptedException {
        keytool(List.of(
                "-exportcert",
                "-alias",
                alias,
                "-keystore",
                store.toString(),
                "-storepass",
                password,
                "-rfc",
                "-file",
                cert.toString()));
        keytool(List.of(
                "-importcert",
                "-noprompt",
                "-alias",
                alias,
                "-file",
                cert.toString(),
                "-keystore",
                truststore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                truststorePassword));
    }

    private static void keytool(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool " + args.get(0) + " failed: " + out);
        }
    }
}
