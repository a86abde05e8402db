package dev.parley.chat;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

import dev.parley.chat.support.S3Proxy;

/** Every attachment test again, with the files in S3-compatible storage (a real s3proxy) instead of the directory. */
@QuarkusTest
@TestProfile(S3AttachmentTest.InS3.class)
class S3AttachmentTest extends AttachmentTest {

    /** chat-service pointed at an s3proxy with its bucket. */
    public static class InS3 implements QuarkusTestProfile {

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(BucketReady.class));
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of();
        }
    }

    /** An s3proxy whose bucket exists before chat-service starts. */
    public static class BucketReady extends S3Proxy {

        @Override
        public Map<String, String> start() {
            Map<String, String> settings = super.start();
            createBucket();
            return settings;
        }
    }
}
