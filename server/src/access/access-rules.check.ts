import { Injectable, type OnModuleInit } from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ACCESS_RULE } from './access.decorator';

/** Every controller route (class, method name) without an access rule. */
export function routesWithoutRule(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): string[] {
  const missing: string[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance) continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = (prototype as Record<string, unknown>)[name] as (...args: unknown[]) => unknown;
      // Only route handlers carry a request method.
      if (Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      if (reflector.getAllAndOverride(ACCESS_RULE, [handler, instance.constructor]) === undefined) {
        const path = String(Reflect.getMetadata(PATH_METADATA, handler) ?? '');
        missing.push(`${instance.constructor.name}.${name} (${path})`);
      }
    }
  }
  return missing;
}

/**
 * Refuses to start a server with a route that has no access rule: a new endpoint must say who
 * may call it before it can answer anyone.
 */
@Injectable()
export class AccessRulesCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const missing = routesWithoutRule(this.discovery, this.scanner, this.reflector);
    if (missing.length > 0) {
      throw new Error(`routes without an access rule (@Access): ${missing.join(', ')}`);
    }
  }
}
