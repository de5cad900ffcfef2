import { Center, Image, Loader, Text } from '@mantine/core';
import { useAssetUrl } from '../api/useAssetUrl';

export interface ImageRef {
  assetId?: string;
  url?: string;
  mimeType?: string;
  width?: number;
  height?: number;
}

/** An image produced by a run, fetched with the session's token. */
export function AssetImage({
  image,
  height,
  radius = 'md',
  fit = 'cover',
}: {
  image: ImageRef;
  height?: number;
  radius?: string;
  /** `contain` shows the whole picture (reviews); `cover` fills a tile (previews). */
  fit?: 'cover' | 'contain';
}) {
  const asset = useAssetUrl(image.assetId);
  const src = image.assetId ? asset.data : image.url;
  if (image.assetId && asset.isLoading) {
    return (
      <Center h={height ?? 120}>
        <Loader size="sm" />
      </Center>
    );
  }
  if (!src) {
    return (
      <Text size="xs" c="dimmed">
        The image could not be loaded.
      </Text>
    );
  }
  return (
    <Image
      src={src}
      h={height}
      fit={fit}
      radius={radius}
      alt="Generated image"
      data-testid="asset-image"
    />
  );
}

export function isImageList(value: unknown): value is ImageRef[] {
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every(
      (v) => v && typeof v === 'object' && ('assetId' in v || ('url' in v && 'mimeType' in v)),
    )
  );
}
