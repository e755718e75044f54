package dev.releasewatch.docker;

import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The {@code docker} command line, as a user would type it, for the {@code -Pdocker} tests. An engine that does not
 * answer fails the test naming what to start (CI starts {@code dockerd}; a silent skip would hide that the image was
 * never built or run).
 */
final class Docker {

    /** The repository root (tests run in the project base directory). */
    static final Path ROOT = Path.of("").toAbsolutePath();

    private Docker() {}

    /** Exit code, standard output and standard error of a finished command. */
    record Result(int exitCode, String out, String err) {
        String both() {
            return out + err;
        }
    }

    /** Fails, saying why and what to do, unless {@code docker info} answers. */
    static void requireEngine() throws IOException, InterruptedException {
        Result info;
        try {
            info = docker(Duration.ofSeconds(30), "info", "--format", "{{.ServerVersion}}");
        } catch (IOException e) {
            throw new AssertionError(
                    "-Pdocker needs the docker command line on the PATH (Debian: apt-get install docker.io): " + e);
        }
        if (info.exitCode() != 0) {
            throw new AssertionError("-Pdocker needs a running Docker engine, but 'docker info' fails: "
                    + info.err().strip() + " (start it as root: dockerd &, as .ci/run does)");
        }
    }

    /** Runs {@code docker args…} and waits for it, killing it after {@code timeout}. */
    static Result docker(Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        return run(timeout, Map.of(), null, command);
    }

    /**
     * Runs a command in the repository root and waits for it, killing it after {@code timeout}.
     *
     * @param env   extra environment variables
     * @param stdin what the command reads, or null for nothing
     */
    static Result run(Duration timeout, Map<String, String> env, Path stdin, List<String> command)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile("docker-it", ".out");
        Path err = Files.createTempFile("docker-it", ".err");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(Redirect.from(stdin == null ? new File("/dev/null") : stdin.toFile()));
        builder.environment().putAll(env);
        Process p = builder.start();
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly().waitFor();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout
                        + "; output:\n" + Files.readString(out, StandardCharsets.UTF_8)
                        + Files.readString(err, StandardCharsets.UTF_8));
            }
            return new Result(
                    p.exitValue(),
                    Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** As {@link #docker}, failing with the command's output unless it exits 0; returns its standard output. */
    static String dockerOk(Duration timeout, String... args) throws IOException, InterruptedException {
        Result r = docker(timeout, args);
        if (r.exitCode() != 0) {
            throw new AssertionError("docker " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.both());
        }
        return r.out().strip();
    }

    /**
     * The address of the default bridge network's gateway: this machine as seen from a container on that network,
     * where a broker started by the test listens so that a monitor in a container can reach it.
     */
    static String bridgeGateway() throws IOException, InterruptedException {
        String gateway = dockerOk(
                Duration.ofSeconds(30),
                "network",
                "inspect",
                "bridge",
                "-f",
                "{{range .IPAM.Config}}{{.Gateway}}{{end}}");
        if (!gateway.isEmpty()) {
            return gateway;
        }
        // the default bridge often leaves Gateway empty: it is then the address of the bridge's interface (docker0)
        String bridge = dockerOk(
                Duration.ofSeconds(30),
                "network",
                "inspect",
                "bridge",
                "-f",
                "{{index .Options \"com.docker.network.bridge.name\"}}");
        NetworkInterface nic = NetworkInterface.getByName(bridge);
        if (nic == null) {
            throw new AssertionError("no network interface " + bridge + " (the bridge network's) on this machine");
        }
        return nic.inetAddresses()
                .filter(a -> a instanceof Inet4Address)
                .map(InetAddress::getHostAddress)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no IPv4 address on " + bridge));
    }
}
