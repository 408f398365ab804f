/**
 * client-node's object API, used as plain JSON: its generated models drop fields they do not know, and
 * objects must reach the API server (and come back) untouched.
 */
import { HttpMethod, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';

/** Exposes discovery (`resource`), which client-node keeps protected, and applies objects as plain JSON. */
export class ObjectApi extends KubernetesObjectApi {
  lookup(apiVersion: string, kind: string): ReturnType<KubernetesObjectApi['resource']> {
    return this.resource(apiVersion, kind);
  }

  /**
   * Server-side apply with the object sent exactly as given. client-node's `patch` first serializes it
   * through its generated model for the kind, which silently drops every field whose JSON name differs
   * from the model's property (`x-kubernetes-preserve-unknown-fields`, `default`, `enum`, `$ref` in CRD
   * schemas) and every field newer than the model: objects must reach the API server untouched. The
   * response is read the same way. `body` is the object's text for the wire (`wire.ts`: the API server reads
   * an apply body as YAML 1.1).
   */
  async applyJson(object: KubernetesObject, body: string, options: { dryRun: boolean; fieldManager: string; force: boolean }): Promise<KubernetesObject> {
    const path = await this.specUriPath(object, 'patch');
    const request = this.configuration.baseServer.makeRequestContext(path, HttpMethod.PATCH);
    request.setHeaderParam('Accept', 'application/json, */*;q=0.8');
    request.setHeaderParam('Content-Type', PatchStrategy.ServerSideApply);
    if (options.dryRun) request.setQueryParam('dryRun', 'All');
    request.setQueryParam('fieldManager', options.fieldManager);
    request.setQueryParam('force', String(options.force));
    request.setBody(body);
    return this.requestPromise(request, RAW);
  }

  /** Creates an object, sent and read as plain JSON (409 AlreadyExists when it exists: creation is exclusive). */
  async createJson(object: KubernetesObject, body: string, fieldManager: string): Promise<KubernetesObject> {
    const path = await this.specUriPath(object, 'create');
    const request = this.configuration.baseServer.makeRequestContext(path, HttpMethod.POST);
    request.setHeaderParam('Accept', 'application/json, */*;q=0.8');
    request.setHeaderParam('Content-Type', 'application/json');
    request.setQueryParam('fieldManager', fieldManager);
    request.setBody(body);
    return this.requestPromise(request, RAW);
  }

  /** Reads an object as the API server returns it (not narrowed to client-node's model, which drops newer fields). */
  async readJson(ref: KubernetesObject): Promise<KubernetesObject> {
    const path = await this.specUriPath(ref, 'read');
    const request = this.configuration.baseServer.makeRequestContext(path, HttpMethod.GET);
    request.setHeaderParam('Accept', 'application/json, */*;q=0.8');
    return this.requestPromise(request, RAW);
  }

  /** GETs a server path (`/openapi/v3/apis/apps/v1`) as JSON. */
  async readPathJson(path: string): Promise<unknown> {
    const request = this.configuration.baseServer.makeRequestContext(path, HttpMethod.GET);
    request.setHeaderParam('Accept', 'application/json');
    return this.requestPromise(request, RAW);
  }
}

/** client-node's generic type: apiVersion, kind and metadata typed, every other field kept as sent. */
const RAW = 'KubernetesObject';
