package dev.releasewatch.secure;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs of docs/security.md, and nothing more: the test grants exactly these to the monitor's principal,
 * so the document cannot promise less than the monitor needs.
 */
final class DocumentedAcls {

    private DocumentedAcls() {}

    /**
     * @param topics input, counts, alerts, dead letters, decisions (in that order)
     */
    static List<AclBinding> forMonitor(String principal, String applicationId, List<String> topics) {
        List<AclBinding> acls = new ArrayList<>();
        String input = topics.get(0);
        for (String topic : topics) {
            List<AclOperation> ops = new ArrayList<>(List.of(
                    AclOperation.CREATE, AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.READ));
            if (!topic.equals(input)) {
                ops.add(AclOperation.WRITE);
            }
            ops.forEach(op -> acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, op)));
        }
        // Kafka Streams' internal topics (changelogs, repartition topics) are named <application.id>-...
        acls.add(allow(principal, ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, AclOperation.ALL));
        acls.add(allow(principal, ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ));
        // exactly_once_v2 transactional ids are <application.id>-<process id>-<thread>
        acls.add(allow(
                principal,
                ResourceType.TRANSACTIONAL_ID,
                applicationId + "-",
                PatternType.PREFIXED,
                AclOperation.WRITE));
        return acls;
    }

    private static AclBinding allow(
            String principal, ResourceType type, String name, PatternType pattern, AclOperation op) {
        return new AclBinding(
                new ResourcePattern(type, name, pattern),
                new AccessControlEntry(principal, "*", op, AclPermissionType.ALLOW));
    }
}
