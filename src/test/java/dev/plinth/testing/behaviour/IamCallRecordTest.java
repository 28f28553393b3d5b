package dev.plinth.testing.behaviour;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.plinth.testing.IamRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IamCallRecordTest {

    private static final String ACCOUNT = IamRequest.ACCOUNT;
    private static final String EC2 = "arn:aws:ec2:eu-west-1:" + ACCOUNT + ":";

    private final IamCallRecord record = new IamCallRecord();

    private static AwsCall ec2(String body) {
        String action = body.substring("Action=".length(), body.indexOf('&'));
        return new AwsCall("ec2", "eu-west-1", action, Protocol.EC2, "POST", "/", null, body);
    }

    private static AwsAnswer ok(String text) {
        return new AwsAnswer(200, Map.of(), text.getBytes(StandardCharsets.UTF_8));
    }

    private List<IamRequest> recorded(String action) {
        return record.requests().stream().filter(r -> r.action().equals(action)).toList();
    }

    @Test
    void aCreateActsOnWhatItNamesAndWhatItMakesAndTagsTheNewResource() {
        record.after(
                ec2("Action=CreateSubnet&VpcId=vpc-0a1b&CidrBlock=10.0.0.0%2F24"
                        + "&TagSpecification.1.ResourceType=subnet&TagSpecification.1.Tag.1.Key=plinth%3Amanaged-by"
                        + "&TagSpecification.1.Tag.1.Value=plinth&Version=2016-11-15"),
                ok(
                        "<CreateSubnetResponse><subnet><subnetId>subnet-0c2d</subnetId><vpcId>vpc-0a1b</vpcId></subnet></CreateSubnetResponse>"));

        assertThat(recorded("ec2:CreateSubnet"))
                .extracting(IamRequest::resource)
                .containsExactlyInAnyOrder(EC2 + "subnet/subnet-0c2d", EC2 + "vpc/vpc-0a1b");
        assertThat(recorded("ec2:CreateSubnet"))
                .allSatisfy(r -> assertThat(r.context())
                        .containsEntry("aws:RequestTag/plinth:managed-by", List.of("plinth"))
                        .containsEntry("aws:TagKeys", List.of("plinth:managed-by")));
        assertThat(recorded("ec2:CreateTags")).singleElement().satisfies(r -> {
            assertThat(r.resource()).isEqualTo(EC2 + "subnet/subnet-0c2d");
            assertThat(r.context()).containsEntry("ec2:CreateAction", List.of("CreateSubnet"));
        });
    }

    @Test
    void aLaterCallCarriesTheTagsTheResourceWasCreatedWithAndTheRecordOutlivesReset() {
        record.after(
                ec2(
                        "Action=CreateVpc&CidrBlock=10.0.0.0%2F16&TagSpecification.1.ResourceType=vpc"
                                + "&TagSpecification.1.Tag.1.Key=plinth%3Amanaged-by&TagSpecification.1.Tag.1.Value=plinth&Version=2016-11-15"),
                ok("<CreateVpcResponse><vpc><vpcId>vpc-0a1b</vpcId></vpc></CreateVpcResponse>"));
        record.reset();
        record.after(ec2("Action=DeleteVpc&VpcId=vpc-0a1b&Version=2016-11-15"), ok("<DeleteVpcResponse/>"));
        record.after(ec2("Action=DeleteVpc&VpcId=vpc-9f8e&Version=2016-11-15"), ok("<DeleteVpcResponse/>"));

        assertThat(recorded("ec2:CreateVpc")).isNotEmpty();
        assertThat(recorded("ec2:DeleteVpc"))
                .containsExactly(
                        IamRequest.of(
                                "ec2:DeleteVpc",
                                EC2 + "vpc/vpc-0a1b",
                                Map.of("aws:ResourceTag/plinth:managed-by", List.of("plinth"))),
                        IamRequest.of("ec2:DeleteVpc", EC2 + "vpc/vpc-9f8e", Map.of()));
    }

    @Test
    void anAssociationIsDisassociatedFromTheRouteTableItJoined() {
        record.after(
                ec2("Action=AssociateRouteTable&RouteTableId=rtb-0a1b&SubnetId=subnet-0c2d&Version=2016-11-15"),
                ok(
                        "<AssociateRouteTableResponse><associationId>rtbassoc-0e3f</associationId></AssociateRouteTableResponse>"));
        record.after(ec2("Action=DisassociateRouteTable&AssociationId=rtbassoc-0e3f&Version=2016-11-15"), ok("<r/>"));

        assertThat(recorded("ec2:DisassociateRouteTable"))
                .extracting(IamRequest::resource)
                .containsExactly(EC2 + "route-table/rtb-0a1b");
    }

    @Test
    void aTaskDefinitionPassesItsRolesToEcsTasks() {
        String role = "arn:aws:iam::" + ACCOUNT + ":role/plinth-shop-task";
        record.after(
                new AwsCall(
                        "ecs",
                        "eu-west-1",
                        "RegisterTaskDefinition",
                        Protocol.JSON,
                        "POST",
                        "/",
                        null,
                        "{\"family\":\"plinth-shop\",\"taskRoleArn\":\"" + role
                                + "\",\"tags\":[{\"key\":\"plinth:managed-by\",\"value\":\"plinth\"}]}"),
                ok("{\"taskDefinition\":{\"family\":\"plinth-shop\",\"revision\":3}}"));

        assertThat(recorded("ecs:RegisterTaskDefinition"))
                .extracting(IamRequest::resource)
                .containsExactly("arn:aws:ecs:eu-west-1:" + ACCOUNT + ":task-definition/plinth-shop:3");
        assertThat(recorded("ecs:TagResource"))
                .singleElement()
                .satisfies(r ->
                        assertThat(r.context()).containsEntry("ecs:CreateAction", List.of("RegisterTaskDefinition")));
        assertThat(recorded("iam:PassRole"))
                .containsExactly(IamRequest.of(
                        "iam:PassRole", role, Map.of("iam:PassedToService", List.of("ecs-tasks.amazonaws.com"))));
    }

    @Test
    void aRoleIsReadByItsArnWithItsPathAndARoleThatDoesNotExistByItsNameAlone() {
        String linked = "arn:aws:iam::" + ACCOUNT + ":role/aws-service-role/ecs.amazonaws.com/AWSServiceRoleForECS";
        record.after(
                iam("Action=GetRole&RoleName=AWSServiceRoleForECS&Version=2010-05-08"),
                ok("<GetRoleResponse><GetRoleResult><Role><Path>/aws-service-role/ecs.amazonaws.com/</Path>"
                        + "<RoleName>AWSServiceRoleForECS</RoleName><Arn>" + linked
                        + "</Arn></Role></GetRoleResult></GetRoleResponse>"));
        record.after(
                iam("Action=GetRole&RoleName=AWSServiceRoleForRDS&Version=2010-05-08"),
                new AwsAnswer(
                        404,
                        Map.of(),
                        "<ErrorResponse><Error><Code>NoSuchEntity</Code><Message>The role with name AWSServiceRoleForRDS cannot be found.</Message></Error></ErrorResponse>"
                                .getBytes(StandardCharsets.UTF_8)));

        assertThat(recorded("iam:GetRole"))
                .extracting(IamRequest::resource)
                .containsExactly(linked, "arn:aws:iam::" + ACCOUNT + ":role/AWSServiceRoleForRDS");
    }

    @Test
    void aRoleMadeOnAPathWithABoundaryIsChangedAndPassedWithBothAndItsTags() {
        String boundary = "arn:aws:iam::" + ACCOUNT + ":policy/plinth/plinth-boundary";
        String role = "arn:aws:iam::" + ACCOUNT + ":role/plinth/plinth-shop-task";
        record.after(
                iam("Action=CreateRole&RoleName=plinth-shop-task&Path=%2Fplinth%2F&PermissionsBoundary="
                        + boundary.replace(":", "%3A").replace("/", "%2F")
                        + "&Tags.member.1.Key=plinth%3Amanaged-by&Tags.member.1.Value=plinth&Version=2010-05-08"),
                ok(
                        "<CreateRoleResponse><CreateRoleResult><Role><Path>/plinth/</Path><RoleName>plinth-shop-task</RoleName>"
                                + "<Arn>" + role + "</Arn></Role></CreateRoleResult></CreateRoleResponse>"));
        record.after(
                iam("Action=PutRolePolicy&RoleName=plinth-shop-task&PolicyName=task&Version=2010-05-08"), ok("<r/>"));
        record.after(
                new AwsCall(
                        "ecs",
                        "eu-west-1",
                        "RegisterTaskDefinition",
                        Protocol.JSON,
                        "POST",
                        "/",
                        null,
                        "{\"family\":\"plinth-shop\",\"taskRoleArn\":\"" + role + "\"}"),
                ok("{\"taskDefinition\":{\"family\":\"plinth-shop\",\"revision\":1}}"));

        assertThat(recorded("iam:CreateRole")).singleElement().satisfies(r -> {
            assertThat(r.resource()).isEqualTo(role);
            assertThat(r.context())
                    .containsEntry("iam:PermissionsBoundary", List.of(boundary))
                    .containsEntry("aws:RequestTag/plinth:managed-by", List.of("plinth"));
        });
        assertThat(recorded("iam:TagRole")).extracting(IamRequest::resource).containsExactly(role);
        assertThat(recorded("iam:PutRolePolicy"))
                .containsExactly(IamRequest.of(
                        "iam:PutRolePolicy",
                        role,
                        Map.of(
                                "aws:ResourceTag/plinth:managed-by",
                                List.of("plinth"),
                                "iam:PermissionsBoundary",
                                List.of(boundary))));
        assertThat(recorded("iam:PassRole"))
                .containsExactly(IamRequest.of(
                        "iam:PassRole",
                        role,
                        Map.of(
                                "aws:ResourceTag/plinth:managed-by",
                                List.of("plinth"),
                                "iam:PassedToService",
                                List.of("ecs-tasks.amazonaws.com"))));
    }

    @Test
    void aProxyIsNamedByTheArnItsCreateAnsweredAndAScalableTargetByItsNamespace() {
        String proxy = "arn:aws:rds:eu-west-1:" + ACCOUNT + ":db-proxy:prx-0a1b";
        record.after(
                new AwsCall(
                        "rds",
                        "eu-west-1",
                        "CreateDBProxy",
                        Protocol.QUERY,
                        "POST",
                        "/",
                        null,
                        "Action=CreateDBProxy&DBProxyName=plinth-shop&Tags.Tag.1.Key=plinth%3Amanaged-by&Tags.Tag.1.Value=plinth&Version=2014-10-31"),
                ok(
                        "<CreateDBProxyResponse><CreateDBProxyResult><DBProxy><DBProxyName>plinth-shop</DBProxyName><DBProxyArn>"
                                + proxy + "</DBProxyArn></DBProxy></CreateDBProxyResult></CreateDBProxyResponse>"));
        record.after(
                new AwsCall(
                        "rds",
                        "eu-west-1",
                        "DeleteDBProxy",
                        Protocol.QUERY,
                        "POST",
                        "/",
                        null,
                        "Action=DeleteDBProxy&DBProxyName=plinth-shop&Version=2014-10-31"),
                ok("<r/>"));
        record.after(
                new AwsCall(
                        "rds",
                        "eu-west-1",
                        "DeleteDBProxy",
                        Protocol.QUERY,
                        "POST",
                        "/",
                        null,
                        "Action=DeleteDBProxy&DBProxyName=theirs&Version=2014-10-31"),
                ok("<r/>"));
        record.after(
                new AwsCall(
                        "application-autoscaling",
                        "eu-west-1",
                        "DeregisterScalableTarget",
                        Protocol.JSON,
                        "POST",
                        "/",
                        null,
                        "{\"ServiceNamespace\":\"ecs\",\"ResourceId\":\"service/plinth-shop/app\"}"),
                ok("{}"));

        assertThat(recorded("rds:DeleteDBProxy"))
                .containsExactly(
                        IamRequest.of(
                                "rds:DeleteDBProxy",
                                proxy,
                                Map.of("aws:ResourceTag/plinth:managed-by", List.of("plinth"))),
                        IamRequest.of(
                                "rds:DeleteDBProxy", "arn:aws:rds:eu-west-1:" + ACCOUNT + ":db-proxy:*", Map.of()));
        assertThat(recorded("application-autoscaling:DeregisterScalableTarget"))
                .singleElement()
                .satisfies(r -> assertThat(r.context())
                        .containsEntry("application-autoscaling:service-namespace", List.of("ecs")));
    }

    private static AwsCall iam(String body) {
        String action = body.substring("Action=".length(), body.indexOf('&'));
        return new AwsCall("iam", "us-east-1", action, Protocol.QUERY, "POST", "/", null, body);
    }

    @Test
    void aRestCallIsNamedByItsRouteAndAnActionWithoutResourcesActsOnEverything() {
        record.after(
                new AwsCall(
                        "elasticfilesystem",
                        "eu-west-1",
                        "DELETE /2015-02-01/file-systems/fs-0a1b",
                        Protocol.REST_JSON,
                        "DELETE",
                        "/2015-02-01/file-systems/fs-0a1b",
                        null,
                        ""),
                new AwsAnswer(204, Map.of(), new byte[0]));
        record.after(ec2("Action=DescribeVpcs&Version=2016-11-15"), ok("<DescribeVpcsResponse/>"));
        record.after(
                new AwsCall(
                        "s3",
                        "eu-west-1",
                        "PUT /plinth-shop-assets",
                        Protocol.S3,
                        "PUT",
                        "/plinth-shop-assets",
                        "publicAccessBlock",
                        "<PublicAccessBlockConfiguration/>"),
                ok(""));

        assertThat(record.requests())
                .extracting(IamRequest::action, IamRequest::resource)
                .containsExactly(
                        tuple(
                                "elasticfilesystem:DeleteFileSystem",
                                "arn:aws:elasticfilesystem:eu-west-1:" + ACCOUNT + ":file-system/fs-0a1b"),
                        tuple("ec2:DescribeVpcs", "*"),
                        tuple("s3:PutBucketPublicAccessBlock", "arn:aws:s3:::plinth-shop-assets"));
    }

    @Test
    void theTagsOfAResourceItDidNotSeeMadeAreTakenFromAnswersThatShowThem() {
        String vpc = EC2 + "vpc/vpc-0a1b";
        record.after(
                new AwsCall("tagging", "eu-west-1", "GetResources", Protocol.JSON, "POST", "/", null, "{}"),
                ok("{\"ResourceTagMappingList\":[{\"ResourceARN\":\"" + vpc
                        + "\",\"Tags\":[{\"Key\":\"plinth:managed-by\",\"Value\":\"plinth\"}]}]}"));
        record.after(ec2("Action=DescribeRouteTables&Version=2016-11-15"), ok("""
                <DescribeRouteTablesResponse><routeTableSet><item><routeTableId>rtb-0a1b</routeTableId>
                <associationSet><item><routeTableAssociationId>rtbassoc-0e3f</routeTableAssociationId><routeTableId>rtb-0a1b</routeTableId></item></associationSet>
                <tagSet><item><key>plinth:managed-by</key><value>plinth</value></item></tagSet></item></routeTableSet></DescribeRouteTablesResponse>"""));
        record.after(ec2("Action=DeleteVpc&VpcId=vpc-0a1b&Version=2016-11-15"), ok("<r/>"));
        record.after(ec2("Action=DisassociateRouteTable&AssociationId=rtbassoc-0e3f&Version=2016-11-15"), ok("<r/>"));

        Map<String, List<String>> plinths = Map.of("aws:ResourceTag/plinth:managed-by", List.of("plinth"));
        assertThat(recorded("ec2:DeleteVpc")).containsExactly(IamRequest.of("ec2:DeleteVpc", vpc, plinths));
        assertThat(recorded("ec2:DisassociateRouteTable"))
                .containsExactly(IamRequest.of("ec2:DisassociateRouteTable", EC2 + "route-table/rtb-0a1b", plinths));
    }
}
