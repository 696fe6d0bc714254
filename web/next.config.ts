import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // Lets two checkouts' test runs build side by side without sharing one .next.
  distDir: process.env.NEXT_DIST_DIR ?? '.next',
};

export default nextConfig;
