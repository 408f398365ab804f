/**
 * typekro/ory, typekro/apisix, typekro/temporal and ACK RDS (typekro/aws) offline: each example renders with
 * typed references and the operator's readiness rule, each bootstrap installs the pinned chart through Flux,
 * and bad inputs fail at compile time (checked by `npm run typecheck`) and when the composition is defined.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type } from 'arktype';
import { kubernetesComposition } from 'typekro';
import { allKinds as apisixKinds, APISIX_INGRESS_CHART_VERSION, apisixIngressBootstrap, apisixRoute, type ApisixRouteSpecHttpBackends } from 'typekro/apisix';
import { allKinds as awsKinds, rdsControllerBootstrap, rdsDBInstance, rdsKinds, type RdsDBInstanceSpec } from 'typekro/aws';
import { allKinds as oryKinds, hydraMaesterBootstrap, oauth2Client, type OAuth2ClientSpec } from 'typekro/ory';
import { allKinds as temporalKinds, temporalNamespace, temporalOperatorBootstrap, type TemporalNamespaceSpec } from 'typekro/temporal';
import { gatewayRoute, oauthApp, rdsDatabase, temporalTeam } from './examples/operators.js';
import { definingWith } from '../support/bad-input.js';

/** Defining a composition that reads a status field the kind's schema does not have. */
function readsMissingStatus(make: (name: string) => { status: unknown }): () => void {
  return () =>
    kubernetesComposition({ name: 'bad-status', kind: 'BadStatus', spec: type({ n: 'string' }), status: type({ x: 'string' }) }, (spec) => {
      const made = make(spec.n);
      return { x: (made.status as { nope: string }).nope.trim() };
    });
}

describe('typekro/ory', () => {
  it('renders the example: an OAuth2Client and a Deployment reading the Secret hydra-maester writes', () => {
    const rgd = oauthApp.toYaml();
    assert.match(rgd, /apiVersion: hydra\.ory\.sh\/v1alpha1\n\s+kind: OAuth2Client/);
    assert.match(rgd, /secretKeyRef:\n\s+name: \${client\.spec\.secretName}\n\s+key: CLIENT_SECRET/);
    // hydra-maester reports Ready and status.observedGeneration: the generated custom-kind rule reads both.
    assert.match(rgd, /- id: client\n\s+readyWhen:\n\s+- '\${dyn\(client\)\.\?status\.\?conditions[^\n]*"Ready"[^\n]*observedGeneration/);
  });

  it('bootstraps hydra-maester from Ory’s chart repository', () => {
    const rgd = hydraMaesterBootstrap.toYaml();
    assert.match(rgd, /repositoryUrl: string \| default="https:\/\/k8s\.ory\.sh\/helm\/charts"/);
    assert.match(rgd, /version: string \| default="0\.62\.1"[\s\S]*chart: hydra-maester/);
    assert.deepEqual(oryKinds.map((k) => k.definition.factoryName), ['oauth2Client']);
  });

  it('names a status field the schema does not have when the composition is defined', () => {
    assert.throws(readsMissingStatus((n) => oauth2Client({ name: n, spec: { grantTypes: ['client_credentials'], secretName: n } })), /unknown field `nope`[\s\S]*known fields: conditions, observedGeneration, reconciliationError/);
  });

  it('names the field of a bad literal value when the composition is defined (JavaScript, or tsc bypassed)', () => {
    assert.throws(definingWith(() => oauth2Client({ name: 'c', spec: { grantTypes: ['password'], secretName: 'bad' } as never })), { code: 'DEFINITION_INVALID', message: /^\/\S+\/operators\.test\.ts:\d+:\d+: OAuth2Client "c": spec\.grantTypes\[0\] must be one of client_credentials, authorization_code, implicit, refresh_token \(was "password"\)$/ });
  });
});

describe('typekro/apisix', () => {
  it('renders the example with the controller’s readiness: Accepted for the current generation', () => {
    const rgd = gatewayRoute.toYaml();
    assert.match(rgd, /apiVersion: apisix\.apache\.org\/v2\n\s+kind: ApisixRoute/);
    assert.match(rgd, /serviceName: \${web\.metadata\.name}/);
    assert.match(rgd, /- id: route\n\s+readyWhen:\n\s+- \${dyn\(route\)\.\?status\.\?conditions\.orValue\(\[\]\)\.exists\(c, c\.\?type\.orValue\(""\) == "Accepted" && c\.\?status\.orValue\(""\) == "True" && c\.\?observedGeneration\.orValue\(0\) >= dyn\(route\)\.\?metadata\.\?generation\.orValue\(0\)\)}/);
  });

  it('bootstraps the controller chart and carries the 2.0.1 kinds', () => {
    assert.equal(APISIX_INGRESS_CHART_VERSION, '1.1.2');
    assert.match(apisixIngressBootstrap.toYaml(), /repositoryUrl: string \| default="https:\/\/charts\.apiseven\.com"[\s\S]*chart: apisix-ingress-controller/);
    assert.equal(apisixKinds.length, 11);
    assert.equal(apisixRoute.definition.version, 'v2');
  });

  it('names a status field the schema does not have when the composition is defined', () => {
    assert.throws(readsMissingStatus((n) => apisixRoute({ name: n, spec: {} })), /unknown field `nope`[\s\S]*known fields: conditions/);
  });

  it('names the field of a bad literal value when the composition is defined (JavaScript, or tsc bypassed)', () => {
    assert.throws(definingWith(() => apisixRoute({ name: 'r', spec: { http: [{ name: 'r', match: { paths: ['/'] }, backends: [{ serviceName: 'web' }] }] } as never })), { code: 'DEFINITION_INVALID', message: /^\/\S+\/operators\.test\.ts:\d+:\d+: ApisixRoute "r": spec\.http\[0\]\.backends\[0\]\.servicePort is required$/ });
  });
});

describe('typekro/temporal', () => {
  it('renders the example: a TemporalCluster on PostgreSQL and a namespace waiting for it', () => {
    const rgd = temporalTeam.toYaml();
    assert.match(rgd, /kind: TemporalCluster[\s\S]*pluginName: postgres12[\s\S]*databaseName: temporal_visibility/);
    assert.match(rgd, /clusterRef:\n\s+name: \${cluster\.metadata\.name}/);
    assert.match(rgd, /version: \${cluster\.status\.version}/);
  });

  it('bootstraps the operator chart and carries its four kinds', () => {
    assert.match(temporalOperatorBootstrap.toYaml(), /repositoryUrl: string \| default="https:\/\/alexandrevilain\.github\.io\/temporal-operator"[\s\S]*version: string \| default="0\.6\.0"/);
    assert.deepEqual(temporalKinds.map((k) => k.definition.kind), ['TemporalCluster', 'TemporalClusterClient', 'TemporalNamespace', 'TemporalSchedule']);
  });

  it('names a status field the schema does not have when the composition is defined', () => {
    assert.throws(readsMissingStatus((n) => temporalNamespace({ name: n, spec: { clusterRef: { name: 'c' }, retentionPeriod: '24h' } })), /unknown field `nope`[\s\S]*known fields: conditions/);
  });

  it('names the field of a bad literal value when the composition is defined (JavaScript, or tsc bypassed)', () => {
    assert.throws(definingWith(() => temporalNamespace({ name: 'ns', spec: { clusterRef: { name: 'c' } } as never })), { code: 'DEFINITION_INVALID', message: /^\/\S+\/operators\.test\.ts:\d+:\d+: TemporalNamespace "ns": spec\.retentionPeriod is required$/ });
  });
});

describe('typekro/aws: RDS', () => {
  it('renders the example with ACK’s readiness: ACK.ResourceSynced', () => {
    const rgd = rdsDatabase.toYaml();
    assert.match(rgd, /apiVersion: rds\.services\.k8s\.aws\/v1alpha1\n\s+kind: DBInstance/);
    assert.match(rgd, /dbSubnetGroupName: \${subnets\.spec\.name}/);
    assert.match(rgd, /address: \${db\.status\.endpoint\.address}/);
    assert.match(rgd, /- id: db\n\s+readyWhen:\n\s+- \${dyn\(db\)\.\?status\.\?conditions\.orValue\(\[\]\)\.exists\(c, c\.\?type\.orValue\(""\) == "ACK\.ResourceSynced" && c\.\?status\.orValue\(""\) == "True"\)}/);
  });

  it('bootstraps the RDS controller from its OCI chart and carries its ten kinds', () => {
    assert.match(rdsControllerBootstrap.toYaml(), /type: oci[\s\S]*chart: rds-chart/);
    assert.match(rdsControllerBootstrap.toYaml(), /version: string \| default="1\.11\.1"/);
    assert.equal(rdsKinds.length, 10);
    assert.equal(awsKinds.length, 20);
  });

  it('names a status field the schema does not have when the composition is defined', () => {
    assert.throws(readsMissingStatus((n) => rdsDBInstance({ name: n, spec: { dbInstanceIdentifier: n, dbInstanceClass: 'db.t4g.micro', engine: 'postgres' } })), /unknown field `nope`[\s\S]*known fields: ackResourceMetadata/);
  });

  it('names the field of a bad literal value when the composition is defined (JavaScript, or tsc bypassed)', () => {
    assert.throws(definingWith(() => rdsDBInstance({ name: 'db', spec: { dbInstanceIdentifier: 'db', dbInstanceClass: 'db.t4g.micro' } as never })), { code: 'DEFINITION_INVALID', message: /^\/\S+\/operators\.test\.ts:\d+:\d+: DBInstance "db": spec\.engine is required$/ });
  });
});

// Compile-time checks: `npm run typecheck` fails if one of these stops being an error.
export function typeErrors(): void {
  // @ts-expect-error 'password' is not a grant type hydra-maester accepts
  const wrongGrant: OAuth2ClientSpec = { grantTypes: ['password'], secretName: 's' };
  // @ts-expect-error servicePort is required
  const noPort: ApisixRouteSpecHttpBackends = { serviceName: 'web' };
  // @ts-expect-error retentionPeriod is required
  const noRetention: TemporalNamespaceSpec = { clusterRef: { name: 'c' } };
  // @ts-expect-error engine is required
  const noEngine: RdsDBInstanceSpec = { dbInstanceIdentifier: 'db', dbInstanceClass: 'db.t4g.micro' };
  void [wrongGrant, noPort, noRetention, noEngine];
}
