import type { HandlerRegistry } from '../handler-registry.js';
import type { ModelService } from './model-service.js';

export function registerModelsHandlers(registry: HandlerRegistry, models: ModelService): void {
  registry.registerAll({
    'models:list': () => models.list(),
    'models:install': ({ id }) => models.install(id),
    'models:cancel': ({ id }) => models.cancel(id),
    'models:delete': ({ id }) => models.delete(id),
    'models:link': ({ id, path }) => models.link(id, path),
    'models:readiness': () => models.readiness(),
  });
}
