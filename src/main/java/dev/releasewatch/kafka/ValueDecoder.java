package dev.releasewatch.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;

import dev.releasewatch.contract.AvroSerde;
import io.apicurio.registry.rest.client.exception.NotFoundException;
import io.apicurio.registry.rest.client.exception.RestClientException;
import io.apicurio.rest.client.error.ApicurioRestClientException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;

/**
 * Decodes the values of a topic other tools write or read, telling a malformed record (the caller dead-letters or
 * skips it, with the reason) from a registry that cannot be asked (an exception that stops the task, so the record is
 * read again once the registry answers).
 *
 * <p>In registry mode both framings are accepted, told apart by their first byte (a zero byte for the registry
 * format, {@code C3} for single-object encoding): standard producers write the registry format while the monitor's own
 * {@code produce}, {@code ingest} and {@code poll} keep writing single-object records, which need no registry, and
 * records written before a switch to registry mode still decode.
 *
 * <p>A single-object record written with the current schema (nearly all of them) is read straight from the byte
 * array; Avro's message decoder reads it through an input stream one byte at a time, which showed in the counting
 * task's profile. Records of earlier schemas (resolved) and anything that does not start with the current schema's
 * header go the general way, with the same errors.
 *
 * @param <T> the generated record type
 */
public final class ValueDecoder<T extends SpecificRecord> {

    private static final byte REGISTRY_MAGIC = 0;
    /** Avro single-object encoding: {@code C3 01}, then the writer schema's 64-bit fingerprint, little-endian. */
    private static final int HEADER = 10;

    private final String typeName;
    private final AvroSerde<T> singleObject;
    private final Deserializer<T> registry;
    private final byte[] currentHeader;
    private final SpecificDatumReader<T> currentReader;

    /** Single-object only when {@code registry} is null. */
    ValueDecoder(Class<T> type, Serde<T> registry) {
        this.typeName = type.getSimpleName();
        this.singleObject = AvroSerde.of(type);
        this.registry = registry == null ? null : registry.deserializer();
        Schema schema = SpecificData.get().getSchema(type);
        this.currentHeader = header(SchemaNormalization.parsingFingerprint64(schema));
        this.currentReader = new SpecificDatumReader<>(schema, schema, SpecificData.getForSchema(schema));
    }

    private static byte[] header(long fingerprint) {
        byte[] header = new byte[HEADER];
        header[0] = (byte) 0xC3;
        header[1] = 0x01;
        for (int i = 0; i < 8; i++) {
            header[2 + i] = (byte) (fingerprint >>> (8 * i));
        }
        return header;
    }

    /** Whether {@code bytes} start with the current schema's single-object header (read directly). */
    boolean hasCurrentHeader(byte[] bytes) {
        if (bytes.length < HEADER) {
            return false;
        }
        for (int i = 0; i < HEADER; i++) {
            if (bytes[i] != currentHeader[i]) {
                return false;
            }
        }
        return true;
    }

    /** Reads a datum of the current schema after its header, failing as Avro's message decoder does. */
    private T decodeCurrent(byte[] bytes) {
        BinaryDecoder in = DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
        try {
            return currentReader.read(null, in);
        } catch (IOException e) {
            throw new AvroRuntimeException("Decoding datum failed", e);
        }
    }

    /**
     * Decodes one record value.
     *
     * @throws MalformedRecordException     when the bytes are no such record in an accepted framing
     * @throws RegistryUnavailableException when the registry did not answer for the record's schema id
     */
    public T decode(String topic, byte[] bytes) throws MalformedRecordException {
        if (registry != null && bytes.length > 0 && bytes[0] == REGISTRY_MAGIC) {
            try {
                return registry.deserialize(topic, bytes);
            } catch (RuntimeException e) {
                if (unreachable(e)) {
                    throw new RegistryUnavailableException(
                            "the schema registry did not answer for a record of " + topic + ": " + e, e);
                }
                throw new MalformedRecordException("not a " + typeName + " in the schema-registry format: " + e, e);
            }
        }
        try {
            return hasCurrentHeader(bytes) ? decodeCurrent(bytes) : singleObject.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new MalformedRecordException(
                    "not a " + typeName
                            + (registry == null
                                    ? " in Avro single-object encoding: "
                                    : " in the schema-registry format (first byte 0) nor in Avro single-object"
                                            + " encoding: ")
                            + e.getMessage(),
                    e);
        }
    }

    /**
     * Whether the failure is the registry's, not the record's: no answer, or a server error. An unknown schema id
     * (the registry answered "not found") is the record's fault.
     */
    static boolean unreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof NotFoundException) {
                return false;
            }
            if (t instanceof RestClientException r) {
                Integer code = r.getError() == null ? null : r.getError().getErrorCode();
                return code == null || code >= 500 || code == 429;
            }
            if (t instanceof ApicurioRestClientException
                    || t instanceof ConnectException
                    || t instanceof HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }
}
