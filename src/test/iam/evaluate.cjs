// Evaluates IAM requests against identity policies as IAM does, with @cloud-copilot/iam-simulate.
//   node evaluate.cjs <folder of its node_modules> <input.json>
// input: {"principal": "arn:aws:iam::<account>:role/<name>", "policies": [{"name": …, "policy": {…}}],
//         "requests": [{"action": "ec2:CreateVpc", "resource": "<arn or *>", "account": "<resource's account>",
//                       "context": {"<key>": "<value>" or ["<values>"]},
//                       "resourcePolicy": {…} (optional: the resource's own policy, such as a KMS key's)}]}
// prints one line of JSON: [{"decision": "Allowed" | "ImplicitlyDenied" | "ExplicitlyDenied" | "Invalid",
//                            "detail": "<why a request is invalid, or empty>"}], in the order of the requests
'use strict';
const fs = require('fs');
const [packages, inputFile] = process.argv.slice(2);
const { runSimulation } = require(require.resolve('@cloud-copilot/iam-simulate', { paths: [packages] }));

async function evaluate(input, request) {
  const answer = await runSimulation({
    identityPolicies: input.policies,
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: request.resourcePolicy,
    request: {
      action: request.action,
      principal: input.principal,
      resource: { resource: request.resource, accountId: request.account },
      contextVariables: request.context,
    },
  }, {});
  if (answer.resultType === 'error') {
    return { decision: 'Invalid', detail: JSON.stringify(answer.errors) };
  }
  return { decision: answer.overallResult, detail: '' };
}

(async () => {
  const input = JSON.parse(fs.readFileSync(inputFile, 'utf8'));
  const decisions = [];
  for (const request of input.requests) {
    decisions.push(await evaluate(input, request));
  }
  process.stdout.write(JSON.stringify(decisions) + '\n');
})().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
