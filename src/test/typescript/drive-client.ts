// Drives the TypeScript client generated from openapi.yaml against a running service, as a portal would:
// create, follow to READY, patch with If-Match, read a problem, delete. Prints what it saw as one JSON line.
// Usage: node drive-client.js <base URL> <environment name>
import {
    Configuration,
    EnvironmentsApi,
    EnvironmentView,
    Problem,
    ProblemFromJSON,
    ResponseError,
} from '../../../target/generated-clients/typescript/index';

declare const process: { argv: string[]; exitCode?: number };

async function problemOf(call: Promise<unknown>): Promise<Problem> {
    try {
        await call;
    } catch (e) {
        if (e instanceof ResponseError) {
            return ProblemFromJSON(await e.response.json());
        }
        throw e;
    }
    throw new Error('the call did not fail');
}

async function main(base: string, name: string, token: string): Promise<void> {
    const environments = new EnvironmentsApi(new Configuration({ basePath: base, accessToken: token }));
    const created = await environments.createEnvironmentRaw({
        environmentSpec: {
            name,
            region: 'eu-central-1',
            network: { cidr: '10.81.0.0/16', availabilityZones: 1, natGateways: 'none' },
        },
    });
    const etag = created.raw.headers.get('ETag') ?? '';
    const id = (await created.value()).id;

    let current: EnvironmentView = await environments.getEnvironment({ id });
    for (let polls = 0; current.status !== 'READY' && polls < 600; polls++) {
        await new Promise(resolve => setTimeout(resolve, 100));
        current = await environments.getEnvironment({ id });
    }
    const patched = await environments.patchEnvironment({
        id,
        ifMatch: etag,
        environmentSpecPatch: { tags: { client: 'typescript' } },
    });
    const problem = await problemOf(environments.createEnvironment({ environmentSpec: { name: 'X', region: 'nowhere' } }));
    const deleted = await environments.deleteEnvironment({ id });

    console.log(JSON.stringify({
        id,
        followed: current.status,
        patched: patched.status,
        patchedTags: patched.spec.tags,
        problemStatus: problem.status,
        problemType: problem.type,
        violations: (problem.violations ?? []).map(v => `${v.field} ${v.rule} ${v.value}`),
        deleted: deleted.status,
    }));
}

main(process.argv[2], process.argv[3], process.argv[4]).catch(e => {
    console.error(e);
    process.exitCode = 1;
});
