package dev.parley.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import groovy.lang.GroovyShell;

class JenkinsfileTest {

    private static final String JENKINSFILE = Repo.read("Jenkinsfile");

    @Test
    void parsesAsGroovy() {
        // Compiles the script without running it: a syntax error fails here.
        assertThat(new GroovyShell().parse(JENKINSFILE, "Jenkinsfile")).isNotNull();
    }

    @Test
    void isADeclarativePipelineWithAPodPerStage() {
        assertThat(JENKINSFILE).contains("pipeline {").contains("agent none").contains("kubernetes {")
                .contains("junit ").contains("post {");
        assertThat(JENKINSFILE.indexOf("stage('Build and test')"))
                .isLessThan(JENKINSFILE.indexOf("stage('Native images')"));
        assertThat(JENKINSFILE.indexOf("stage('Native images')"))
                .isLessThan(JENKINSFILE.indexOf("stage('Deploy dev')"));
        assertThat(JENKINSFILE.indexOf("stage('Deploy dev')"))
                .isLessThan(JENKINSFILE.indexOf("stage('Deploy staging')"));
        assertThat(JENKINSFILE.indexOf("stage('Deploy staging')"))
                .isLessThan(JENKINSFILE.indexOf("stage('Approve prod')"));
        assertThat(JENKINSFILE.indexOf("stage('Approve prod')"))
                .isLessThan(JENKINSFILE.indexOf("stage('Deploy prod')"));
        String approval = JENKINSFILE.substring(JENKINSFILE.indexOf("stage('Approve prod')"),
                JENKINSFILE.indexOf("stage('Deploy prod')"));
        assertThat(approval).contains("timeout(").contains("input ");
    }

    @Test
    void theWorkIsDoneByTheProjectsScripts() {
        assertThat(JENKINSFILE).contains("scripts/test.sh").contains("scripts/build-images.sh --push \"$GIT_COMMIT\"")
                .contains("scripts/deploy.sh dev \"$GIT_COMMIT\"").contains("scripts/deploy.sh staging \"$GIT_COMMIT\"")
                .contains("scripts/deploy.sh prod \"$GIT_COMMIT\"");
        Matcher script = Pattern.compile("scripts/[a-z-]+\\.sh").matcher(JENKINSFILE);
        while (script.find()) {
            assertThat(Files.isExecutable(Repo.path(script.group()))).as(script.group()).isTrue();
        }
    }
}
