import { valueToText } from '@flowpress/shared';
import { NodeError, type NodeExecutor } from '../contract.js';
import { parseImageSize, type ImageConfig } from './definition.js';

export interface ImageOutputItem {
  assetId: string;
  url: string;
  mimeType: string;
  width: number;
  height: number;
}

export const imageExecutor: NodeExecutor<ImageConfig> = {
  type: 'image',
  async execute(ctx) {
    const { config, services } = ctx;
    const prompt = config.prompt.trim() || valueToText(ctx.inputs['prompt']).trim();
    if (!prompt) {
      throw new NodeError(
        'the image prompt is empty: write one or connect text to the prompt input',
        {
          code: 'empty_prompt',
        },
      );
    }
    const size = parseImageSize(config.size);
    if (!size)
      throw new NodeError(`invalid image size "${config.size}"`, { code: 'invalid_config' });
    const model = config.model?.trim() || undefined;
    const generated = await services.images.generate({
      prompt,
      width: size.width,
      height: size.height,
      count: config.count,
      model,
      signal: ctx.signal,
    });
    ctx.signal.throwIfAborted();
    const images: ImageOutputItem[] = [];
    for (const image of generated) {
      const stored = await services.assets.put(image.data, image.mimeType, {
        runId: ctx.runId,
        nodeId: ctx.nodeId,
      });
      images.push({
        ...stored,
        mimeType: image.mimeType,
        width: image.width,
        height: image.height,
      });
    }
    ctx.reportUsage({
      model: model ?? services.images.defaultModel,
      provider: services.images.id,
      images: images.length,
    });
    return { output: { images } };
  },
};
