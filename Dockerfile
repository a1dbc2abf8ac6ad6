# Production image: Node 22 LTS (CI runs on Node 20, the minimum supported). TypeScript runs through tsx.
FROM node:22-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY bin ./bin
COPY cli ./cli
COPY core ./core
COPY classifier ./classifier
COPY collectors ./collectors
COPY workers ./workers
COPY dashboard ./dashboard
COPY migrations ./migrations
COPY scripts ./scripts
USER node
ENTRYPOINT ["node", "bin/ryktesradar.js"]
CMD ["start"]
