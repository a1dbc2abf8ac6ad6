# Production image on Node 22 LTS, the supported production runtime (CI runs on Node 20.19+, the minimum).
# TypeScript runs through tsx. SIGTERM (docker stop) lets workers finish their active jobs before exit.
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
COPY emerging ./emerging
COPY alerts ./alerts
COPY migrations ./migrations
COPY scripts ./scripts
USER node
ENTRYPOINT ["node", "bin/ryktesradar.js"]
CMD ["start"]
