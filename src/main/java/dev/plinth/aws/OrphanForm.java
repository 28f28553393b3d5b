package dev.plinth.aws;

/**
 * How an orphan of a kind (a resource plinth tagged, whose environment is gone) is found and deleted.
 *
 * @param type     the Resource Groups Tagging API's resource type, {@code service:kind} as the ARN names
 *                 it: {@code ec2:vpc}, {@code rds:db}
 * @param deletion how it is deleted
 */
public record OrphanForm(String type, Deletion deletion) {

    /**
     * By the engine's handler of the kind, given the resource's id read from its ARN; or by a deleter of
     * the orphans package's own.
     */
    public enum Deletion {
        /** The ARN's last segment: {@code vpc-0abc} in {@code ...:vpc/vpc-0abc}. */
        BY_LAST_SEGMENT,
        /** What follows the ARN's kind: {@code shop-db} in {@code ...:db:shop-db}. */
        BY_RESOURCE,
        /** The whole ARN. */
        BY_ARN,
        /** A few calls of the orphans package's own, for the kind. */
        CUSTOM
    }

    static OrphanForm byLastSegment(String type) {
        return new OrphanForm(type, Deletion.BY_LAST_SEGMENT);
    }

    static OrphanForm byResource(String type) {
        return new OrphanForm(type, Deletion.BY_RESOURCE);
    }

    static OrphanForm byArn(String type) {
        return new OrphanForm(type, Deletion.BY_ARN);
    }

    static OrphanForm custom(String type) {
        return new OrphanForm(type, Deletion.CUSTOM);
    }
}
