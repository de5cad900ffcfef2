import {
  Alert,
  Box,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertCircle, IconInfoCircle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useLogin } from '../../api/useLogin';
import { useSessionStore } from '../../stores/sessionStore';
import { LogoMark } from '../../ui/Logo';
import classes from './LoginPage.module.css';

function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/workflows';
}

export function LoginPage() {
  const [params] = useSearchParams();
  const token = useSessionStore((s) => s.token);
  const endedReason = useSessionStore((s) => s.endedReason);
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);

  if (token) return <Navigate to={safeNext(params.get('next'))} replace />;

  const emailError =
    touched && !/^\S+@\S+\.\S+$/.test(email.trim())
      ? 'Enter the email you were invited with'
      : null;
  const passwordError = touched && !password ? 'Enter your password' : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!/^\S+@\S+\.\S+$/.test(email.trim()) || !password) return;
    login.mutate({ email: email.trim().toLowerCase(), password });
  };

  const error = login.error
    ? isApiError(login.error) && login.error.statusCode === 401
      ? 'That email and password do not match. Check them and try again.'
      : login.error.message
    : null;

  return (
    <Box className={classes.page}>
      <Center mih="100dvh" p="md">
        <Stack w={400} gap="lg">
          <Stack align="center" gap={10}>
            <LogoMark size={44} />
            <Title order={2} ta="center" fz={26}>
              Sign in to Flowpress
            </Title>
            <Text c="dimmed" ta="center" size="md">
              Build, run and review your AI content flows.
            </Text>
          </Stack>
          <Paper
            withBorder
            shadow="sm"
            p="xl"
            radius="lg"
            component="form"
            onSubmit={submit}
            noValidate
          >
            <Stack gap="md">
              {endedReason && !error ? (
                <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
                  {endedReason}
                </Alert>
              ) : null}
              {error ? (
                <Alert
                  variant="light"
                  color="red"
                  icon={<IconAlertCircle size={18} />}
                  data-testid="login-error"
                >
                  {error}
                </Alert>
              ) : null}
              <TextInput
                label="Email"
                placeholder="you@company.com"
                type="email"
                autoComplete="username"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={emailError}
                size="md"
                data-autofocus
                autoFocus
              />
              <PasswordInput
                label="Password"
                placeholder="Your password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={passwordError}
                size="md"
              />
              <Button type="submit" size="md" fullWidth loading={login.isPending} mt={4}>
                Sign in
              </Button>
            </Stack>
          </Paper>
          <Text size="sm" c="dimmed" ta="center">
            No account yet? Ask your workspace admin to invite you.
          </Text>
        </Stack>
      </Center>
    </Box>
  );
}
