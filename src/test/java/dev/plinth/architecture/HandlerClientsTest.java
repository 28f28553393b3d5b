package dev.plinth.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.plinth.aws.AwsClients;

/**
 * A kind's handler, and what it shares with the kinds of its service, is given the client of its one
 * service ({@code RegionalClient<Ec2Client>}, …), never {@link AwsClients}, the factory of every
 * service's clients. ({@code iam.PermissionsBoundary} asks STS for plinth's own account, to name the boundary
 * of the roles it makes: not a kind's call.)
 */
@AnalyzeClasses(packages = "dev.plinth", importOptions = ImportOption.DoNotIncludeTests.class)
class HandlerClientsTest {

    @ArchTest
    static final ArchRule handlersSeeOneService = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.plinth.aws.alarms..",
                    "dev.plinth.aws.compute..",
                    "dev.plinth.aws.database..",
                    "dev.plinth.aws.edge..",
                    "dev.plinth.aws.iam..",
                    "dev.plinth.aws.loadbalancer..",
                    "dev.plinth.aws.network..",
                    "dev.plinth.aws.storage..")
            .and()
            .doNotHaveSimpleName("PermissionsBoundary")
            .should()
            .dependOnClassesThat()
            .areAssignableTo(AwsClients.class);
}
