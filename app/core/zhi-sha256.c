/* zhi-sha256.c — SHA-256 through nettle */
#include "zhi-sha256.h"

#include <nettle/sha2.h>

struct _ZhiSha256
{
  struct sha256_ctx ctx;
  char hex[SHA256_DIGEST_SIZE * 2 + 1];
  gboolean done;
};

ZhiSha256 *
zhi_sha256_new (void)
{
  ZhiSha256 *self = g_new0 (ZhiSha256, 1);

  sha256_init (&self->ctx);
  return self;
}

void
zhi_sha256_update (ZhiSha256 *self, const void *data, gsize length)
{
  g_return_if_fail (!self->done);
  sha256_update (&self->ctx, length, data);
}

const char *
zhi_sha256_get_string (ZhiSha256 *self)
{
  static const char digits[] = "0123456789abcdef";
  guint8 digest[SHA256_DIGEST_SIZE];

  if (self->done)
    return self->hex;
  sha256_digest (&self->ctx, sizeof digest, digest);
  for (guint i = 0; i < sizeof digest; i++)
    {
      self->hex[2 * i] = digits[digest[i] >> 4];
      self->hex[2 * i + 1] = digits[digest[i] & 0xf];
    }
  self->hex[sizeof self->hex - 1] = '\0';
  self->done = TRUE;
  return self->hex;
}

void
zhi_sha256_free (ZhiSha256 *self)
{
  g_free (self);
}

char *
zhi_sha256_for_data (const void *data, gsize length)
{
  g_autoptr (ZhiSha256) sum = zhi_sha256_new ();

  zhi_sha256_update (sum, data, length);
  return g_strdup (zhi_sha256_get_string (sum));
}

char *
zhi_sha256_for_bytes (GBytes *bytes)
{
  gsize length;
  const void *data = g_bytes_get_data (bytes, &length);

  return zhi_sha256_for_data (data, length);
}
