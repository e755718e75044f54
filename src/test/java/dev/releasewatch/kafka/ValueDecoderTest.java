package dev.releasewatch.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;

import dev.releasewatch.avro.ReleaseAnnouncement;
import dev.releasewatch.config.SerdeSettings;
import dev.releasewatch.contract.AvroSerde;
import io.apicurio.registry.rest.client.exception.ContentNotFoundException;
import io.apicurio.registry.rest.client.exception.RestClientException;
import io.apicurio.registry.rest.v2.beans.Error;
import org.apache.avro.AvroRuntimeException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ValueDecoderTest {

    private static final ReleaseAnnouncement RELEASE = ReleaseAnnouncement.newBuilder()
            .setName("Some.Movie.2020.1080p.BluRay.x264-SPARKS")
            .setSection("X264")
            .setTime(Instant.parse("2020-08-19T13:22:11Z"))
            .build();

    @Test
    void shouldDecodeSingleObjectRecordsAndRejectRegistryFramedOnesWithoutARegistry() throws Exception {
        ValueDecoder<ReleaseAnnouncement> decoder =
                ValueFormat.of(SerdeSettings.SINGLE_OBJECT).decoder(ReleaseAnnouncement.class);
        byte[] single = AvroSerde.of(ReleaseAnnouncement.class).encode(RELEASE);
        assertThat(decoder.decode("releases", single)).isEqualTo(RELEASE);
        byte[] registryFramed =
                ByteBuffer.allocate(9).put((byte) 0).putInt(7).putInt(42).array();
        assertThatThrownBy(() -> decoder.decode("releases", registryFramed))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageStartingWith("not a ReleaseAnnouncement in Avro single-object encoding: ");
    }

    @Test
    void shouldReadRecordsOfTheCurrentSchemaDirectlyAndFailOnATruncatedOneAsAvroDoes() throws Exception {
        ValueDecoder<ReleaseAnnouncement> decoder =
                ValueFormat.of(SerdeSettings.SINGLE_OBJECT).decoder(ReleaseAnnouncement.class);
        byte[] single = AvroSerde.of(ReleaseAnnouncement.class).encode(RELEASE);
        assertThat(decoder.hasCurrentHeader(single)).isTrue();
        assertThat(decoder.decode("releases", single)).isEqualTo(RELEASE);

        byte[] truncated = Arrays.copyOf(single, single.length - 3);
        assertThatThrownBy(() -> decoder.decode("releases", truncated))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessage("not a ReleaseAnnouncement in Avro single-object encoding: Decoding datum failed");
        byte[] otherFingerprint = single.clone();
        otherFingerprint[9] ^= 1;
        assertThat(decoder.hasCurrentHeader(otherFingerprint)).isFalse();
        assertThatThrownBy(() -> decoder.decode("releases", otherFingerprint))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("Cannot resolve schema for fingerprint");
    }

    @Test
    void shouldTakeSingleObjectRecordsInRegistryModeWithoutAskingTheRegistry() throws Exception {
        ValueDecoder<ReleaseAnnouncement> decoder =
                ValueFormat.of(SerdeSettings.registry(closedPortUrl())).decoder(ReleaseAnnouncement.class);
        byte[] single = AvroSerde.of(ReleaseAnnouncement.class).encode(RELEASE);
        assertThat(decoder.decode("releases", single)).isEqualTo(RELEASE);
        assertThatThrownBy(() -> decoder.decode("releases", "{\"name\":1}".getBytes()))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageStartingWith("not a ReleaseAnnouncement in the schema-registry format (first byte 0) nor in"
                        + " Avro single-object encoding: ");
    }

    @Test
    void shouldStopRatherThanDeadLetterWhenTheRegistryDoesNotAnswer() throws Exception {
        ValueDecoder<ReleaseAnnouncement> decoder =
                ValueFormat.of(SerdeSettings.registry(closedPortUrl())).decoder(ReleaseAnnouncement.class);
        byte[] registryFramed =
                ByteBuffer.allocate(9).put((byte) 0).putInt(7).putInt(42).array();
        assertThatThrownBy(() -> decoder.decode("releases", registryFramed))
                .isInstanceOf(RegistryUnavailableException.class)
                .hasMessageStartingWith("the schema registry did not answer for a record of releases: ");
    }

    @Test
    void shouldBlameTheRecordOnlyWhenTheRegistryAnsweredThatItsSchemaIsUnknown() {
        assertThat(ValueDecoder.unreachable(new IllegalStateException(new ContentNotFoundException(error(404)))))
                .isFalse();
        assertThat(ValueDecoder.unreachable(new RestClientException(error(500))))
                .isTrue();
        assertThat(ValueDecoder.unreachable(new RestClientException(error(400))))
                .isFalse();
        assertThat(ValueDecoder.unreachable(new IllegalStateException(new ConnectException("refused"))))
                .isTrue();
        assertThat(ValueDecoder.unreachable(new AvroRuntimeException("bad datum")))
                .isFalse();
    }

    private static Error error(int code) {
        Error e = new Error();
        e.setErrorCode(code);
        e.setMessage("HTTP " + code);
        return e;
    }

    /** A registry URL on a loopback port nothing listens on. */
    private static String closedPortUrl() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/apis/registry/v2";
        }
    }
}
